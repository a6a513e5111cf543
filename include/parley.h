/*
 * parley.h - the whole public API of the parley library.
 */
#ifndef PARLEY_H
#define PARLEY_H

#include "parley/common.h"
#include "parley/diag.h"
#include "parley/scenario.h"
#include "parley/models.h"
#include "parley/forecast.h"
#include "parley/output.h"
#include "parley/backtest.h"
#include "parley/mc.h"
#include "parley/ledger.h"
#include "parley/report.h"
#include "parley/suggest.h"

#endif
