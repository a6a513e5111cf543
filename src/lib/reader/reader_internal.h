/*
 * reader_internal.h - the scenario readers (src/lib/reader): each fills a
 * parley_reader (scenario_internal.h) from the bytes of one file.
 */
#ifndef PARLEY_READER_INTERNAL_H
#define PARLEY_READER_INTERNAL_H

#include "scenario_internal.h"

int parley_yaml__read(parley_reader *r, const char *data, size_t len);
int parley_csv__read(parley_reader *r, const char *data, size_t len);

#endif
