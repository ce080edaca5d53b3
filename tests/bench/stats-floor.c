/* stats-floor.c — what the live load costs libvirt alone: Hangar's calls per tick, without Hangar
 *
 * usage: stats-floor SECONDS INTERVAL URI…
 *
 * Opens every URI, then every INTERVAL seconds makes, host after host, the
 * calls a tick of HgrStatsSampler makes with every figure on: one
 * virConnectGetAllDomainStats of the running guests, and for each guest
 * its UUID (which guest it is) and the per-guest calls for what the bulk
 * call left out (the test driver answers only its state: virDomainGetInfo
 * and virDomainMemoryStats; the rack's guests have no disks or
 * interfaces). It prints its CPU per tick after
 * the first, as a share of one core at one tick per INTERVAL: the floor the
 * benchmark puts next to Hangar's steady CPU.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libvirt/libvirt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#define STATS                                                                                                \
  (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON | VIR_DOMAIN_STATS_BLOCK | \
   VIR_DOMAIN_STATS_INTERFACE)

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int
has_param (virDomainStatsRecordPtr record,
           const char             *name)
{
  unsigned long long value;

  return virTypedParamsGetULLong (record->params, record->nparams, name, &value) == 1;
}

/* One host's tick; returns how many running guests it read, or -1. */
static int
tick (virConnectPtr conn)
{
  virDomainStatsRecordPtr *records = NULL;
  int                      n = virConnectGetAllDomainStats (
                         conn, STATS, &records, VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT | VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);

  if (n < 0)
    return -1;
  for (int i = 0; i < n; i++)
    {
      virDomainStatsRecordPtr record = records[i];
      unsigned char           uuid[VIR_UUID_BUFLEN];

      virDomainGetUUID (record->dom, uuid); /* which guest: any poller asks */
      if (!has_param (record, "cpu.time"))
        {
          virDomainInfo info;

          virDomainGetInfo (record->dom, &info);
        }
      if (!has_param (record, "balloon.current"))
        {
          virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];

          virDomainMemoryStats (record->dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0);
        }
    }
  virDomainStatsRecordListFree (records);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  int            n_hosts = argc - 3;
  virConnectPtr *conns;
  double         seconds, interval, start, cpu_start, next;
  long           guests = 0;
  int            ticks = 0;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s SECONDS INTERVAL URI…\n", argv[0]);
      return 2;
    }
  seconds = atof (argv[1]);
  interval = atof (argv[2]);
  conns = calloc (n_hosts, sizeof *conns);
  for (int i = 0; i < n_hosts; i++)
    {
      conns[i] = virConnectOpen (argv[3 + i]);
      if (conns[i] == NULL)
        {
          fprintf (stderr, "stats-floor: %s did not open\n", argv[3 + i]);
          return 1;
        }
    }
  /* the first tick sets up what later ones find (as Hangar's first does) */
  for (int i = 0; i < n_hosts; i++)
    if (tick (conns[i]) < 0)
      {
        fprintf (stderr, "stats-floor: the load of %s could not be read\n", argv[3 + i]);
        return 1;
      }
  start = now_seconds ();
  cpu_start = cpu_seconds ();
  next = start + interval;
  while (now_seconds () < start + seconds)
    {
      double wait = next - now_seconds ();

      if (wait > 0)
        {
          struct timespec ts = { (time_t) wait, (long) ((wait - (time_t) wait) * 1e9) };

          nanosleep (&ts, NULL);
        }
      next += interval;
      if (now_seconds () >= start + seconds)
        break;
      for (int i = 0; i < n_hosts; i++)
        guests += tick (conns[i]);
      ticks++;
    }
  /* per tick, as a share of the interval: a window of SECONDS holds one
   * tick fewer than Hangar's own rate would give it */
  printf ("%.2f %% of a core at one tick per %.0f s (%d ticks of %d hosts in %.0f s, %ld running guests read)\n",
          ticks > 0 ? (cpu_seconds () - cpu_start) / (ticks * interval) * 100 : 0.0, interval, ticks, n_hosts, seconds,
          ticks > 0 ? guests / ticks : 0);
  for (int i = 0; i < n_hosts; i++)
    virConnectClose (conns[i]);
  free (conns);
  return 0;
}
