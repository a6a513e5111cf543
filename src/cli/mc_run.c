/*
 * mc_run.c - running a Monte Carlo forecast from the command line: a
 * progress bar on stderr when it is a terminal, and with --mpi the split of
 * the draws over MPI ranks (Open MPI): every rank computes its share, rank
 * 0 gathers the others' totals and merges them. Because the library
 * accumulates integers, the merged totals are the same bits as a
 * one-process run, so the output is byte for byte the same.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#ifdef PARLEY_HAVE_MPI
#include <mpi.h>
#endif

double cli_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void cli_progress(const char *what, const char *unit, uint64_t done, uint64_t total, double started,
	int last)
{
	double el = cli_now() - started, rate = el > 0 ? (double)done / el : 0;
	int width = 30, k, fill = total ? (int)((double)width * (double)done / (double)total) : width;
	fprintf(stderr, "\r%s%s[", what ? what : "", what ? " " : "");
	for (k = 0; k < width; k++)
		fputc(k < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %3.0f%% %llu/%llu %s, %.0f/s", total ? 100.0 * (double)done / (double)total : 100.0,
		(unsigned long long)done, (unsigned long long)total, unit, rate);
	if (!last && rate > 0)
		fprintf(stderr, ", %.0f s left   ", (double)(total - done) / rate);
	else if (what)
		fprintf(stderr, ", %.1f s%15s", el, "");
	else
		fprintf(stderr, "%15s", "");
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

int cli_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
#ifdef PARLEY_HAVE_MPI
	if (MPI_Init(argc, argv) != MPI_SUCCESS)
		return -1;
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	MPI_Comm_size(MPI_COMM_WORLD, size);
	return 0;
#else
	(void)argc;
	(void)argv;
	*rank = 0;
	*size = 1;
	return -1;
#endif
}

void cli_mpi_finalize(void)
{
#ifdef PARLEY_HAVE_MPI
	MPI_Finalize();
#endif
}

int cli_mpi_agree(int status)
{
#ifdef PARLEY_HAVE_MPI
	int worst = status;
	MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	return worst;
#else
	return status;
#endif
}

int cli_mc_run(parley_mc **out, const parley_scenario *s, const parley_forecast_options *fo,
	const parley_mc_options *mo, int quiet, int mpi)
{
	parley_mc *mc = NULL;
	uint64_t total, chunk;
	double started = cli_now(), shown = 0;
	int bar = !quiet && isatty(2) && mo->part_index == 0;

	if (parley_mc_create(&mc, s, fo, mo) < 0) {
		fprintf(stderr, "parley: %s\n", parley_error_last()->message);
		return EXIT_RUNTIME;
	}
	total = parley_mc_part_draws(mc);
	chunk = total / 100;
	if (chunk < 4096)
		chunk = 4096;
	while (parley_mc_remaining(mc) > 0) {
		if (parley_mc_step(mc, chunk) < 0) {
			fprintf(stderr, "parley: %s\n", parley_error_last()->message);
			parley_mc_free(mc);
			return EXIT_RUNTIME;
		}
		if (bar && cli_now() - shown > 0.1) {
			cli_progress(NULL, "draws", total - parley_mc_remaining(mc), total, started, 0);
			shown = cli_now();
		}
	}
	if (bar)
		cli_progress(NULL, "draws", total, total, started, 1);
#ifdef PARLEY_HAVE_MPI
	if (mpi && mo->part_count > 1) {
		parley_buf mine = PARLEY_BUF_INIT;
		int len, *lens = NULL, *offs = NULL, k, rc = 0;
		char *all = NULL;
		if (parley_mc_serialize(&mine, mc) < 0 || mine.size > 0x7fffffff) {
			fprintf(stderr, "parley: cannot serialise the Monte Carlo totals\n");
			rc = EXIT_RUNTIME;
		}
		len = (int)mine.size;
		if (mo->part_index == 0) {
			lens = calloc(mo->part_count, sizeof(int));
			offs = calloc(mo->part_count, sizeof(int));
		}
		MPI_Gather(&len, 1, MPI_INT, lens, 1, MPI_INT, 0, MPI_COMM_WORLD);
		if (mo->part_index == 0) {
			long total_len = 0;
			for (k = 0; k < (int)mo->part_count; k++) {
				offs[k] = (int)total_len;
				total_len += lens[k];
			}
			all = malloc((size_t)total_len + 1);
		}
		MPI_Gatherv(mine.ptr, len, MPI_BYTE, all, lens, offs, MPI_BYTE, 0, MPI_COMM_WORLD);
		if (mo->part_index == 0 && !rc) {
			for (k = 1; k < (int)mo->part_count && !rc; k++)
				if (parley_mc_merge(mc, all + offs[k], (size_t)lens[k]) < 0) {
					fprintf(stderr, "parley: %s\n", parley_error_last()->message);
					rc = EXIT_RUNTIME;
				}
		}
		free(all);
		free(lens);
		free(offs);
		parley_buf_dispose(&mine);
		if (rc) {
			parley_mc_free(mc);
			return rc;
		}
	}
#else
	(void)mpi;
#endif
	*out = mc;
	return 0;
}
