/* hgr-host-guests.c — HgrHost's guest list: read in bulk, single guests read anew, each guest watched
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "hgr-error.h"
#include "hgr-host-private.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

/* Sorted and filtered views do not watch item properties: a guest whose
 * state changed is put back in place, the same object, so a selection of it
 * survives and sorted views move it. */
static void
guest_state_cb (HgrGuest   *guest,
                GParamSpec *pspec,
                HgrHost    *self)
{
  g_autoptr (HgrGuest) keep = g_object_ref (guest); /* the splice drops the store's reference first */
  guint position;

  if (!g_list_store_find (self->guests, guest, &position))
    return;
  g_list_store_splice (self->guests, position, 1, (gpointer *) &keep, 1);
}

/* Deleted through Hangar: dropped at once, without waiting for the event. */
static void
guest_deleted_cb (HgrGuest *guest,
                  HgrHost  *self)
{
  hgr_host_remove_guest (self, guest);
}

/* A guest is watched while it is in the list. */
static HgrGuest *
new_guest (HgrHost      *self,
           HgrGuestInfo *info)
{
  HgrGuest *guest = hgr_guest_new_from_info (self, info);

  g_signal_connect (guest, "notify::state", G_CALLBACK (guest_state_cb), self);
  g_signal_connect (guest, "deleted", G_CALLBACK (guest_deleted_cb), self);
  return guest;
}

static void
unwatch_guest (HgrHost  *self,
               HgrGuest *guest)
{
  g_signal_handlers_disconnect_by_data (guest, self);
}

void
hgr_host_clear_guests (HgrHost *self)
{
  GHashTableIter iter;
  gpointer       guest;

  g_hash_table_iter_init (&iter, self->by_uuid);
  while (g_hash_table_iter_next (&iter, NULL, &guest))
    unwatch_guest (self, guest);
  g_hash_table_remove_all (self->by_uuid);
  g_hash_table_remove_all (self->fetching);
  g_list_store_remove_all (self->guests);
}

static void
add_guest (HgrHost      *self,
           HgrGuestInfo *info)
{
  g_autoptr (HgrGuest) guest = new_guest (self, info);

  g_hash_table_insert (self->by_uuid, (char *) hgr_guest_get_uuid (guest), guest);
  g_list_store_append (self->guests, guest);
}

void
hgr_host_remove_guest (HgrHost  *self,
                       HgrGuest *guest)
{
  guint position;

  if (!g_list_store_find (self->guests, guest, &position))
    return;
  unwatch_guest (self, guest);
  g_hash_table_remove (self->by_uuid, hgr_guest_get_uuid (guest));
  g_list_store_remove (self->guests, position);
}

/* Replaces the whole list in one items-changed, reusing the guest objects that
 * are still there so that views keep their selection. */
void
hgr_host_apply_listing (HgrHost   *self,
                        GPtrArray *infos)
{
  g_autoptr (GPtrArray) guests = g_ptr_array_new_full (infos->len, g_object_unref);
  g_autoptr (GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < infos->len; i++)
    {
      HgrGuestInfo *info = g_ptr_array_index (infos, i);
      HgrGuest     *guest = g_hash_table_lookup (self->by_uuid, info->uuid);

      if (guest != NULL)
        {
          g_object_ref (guest);
          hgr_guest_apply_info (guest, info);
        }
      else
        guest = new_guest (self, info);
      g_ptr_array_add (guests, guest);
      g_hash_table_insert (by_uuid, (char *) hgr_guest_get_uuid (guest), guest);
    }

  /* Guests the new list no longer has are not watched any more. */
  {
    GHashTableIter iter;
    gpointer       old;

    g_hash_table_iter_init (&iter, self->by_uuid);
    while (g_hash_table_iter_next (&iter, NULL, &old))
      if (g_hash_table_lookup (by_uuid, hgr_guest_get_uuid (old)) != old)
        unwatch_guest (self, old);
  }
  g_hash_table_steal_all (self->by_uuid);
  g_hash_table_unref (self->by_uuid);
  self->by_uuid = g_steal_pointer (&by_uuid);
  g_list_store_splice (self->guests, 0, g_list_model_get_n_items (G_LIST_MODEL (self->guests)),
                       guests->pdata, guests->len);
  g_debug ("%s: %u guests listed", self->uri, guests->len);
}

/* Runs in a worker thread. Reads the whole guest list in bulk: one stats call
 * for every domain's state, two filtered listings for the persistent and
 * managed-save flags, then only the title costs a call per guest. */
GPtrArray *
hgr_host_list_guests (virConnectPtr conn,
                      GError      **error)
{
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) hgr_guest_info_free);
  g_autoptr (GHashTable) transient = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct
  {
    unsigned int flags;
    GHashTable  *set;
  } sets[] = {
    { VIR_CONNECT_LIST_DOMAINS_TRANSIENT, transient },
    { VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, saved },
  };
  virDomainStatsRecordPtr *records = NULL;
  int                      n;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      virDomainPtr *domains = NULL;

      n = virConnectListAllDomains (conn, &domains, sets[s].flags);
      if (n < 0)
        {
          hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not list the guests."));
          return NULL;
        }
      for (int i = 0; i < n; i++)
        {
          char uuid[VIR_UUID_STRING_BUFLEN];

          hgr_libvirt_get_uuid_string (domains[i], uuid);
          g_hash_table_add (sets[s].set, g_strdup (uuid));
          virDomainFree (domains[i]);
        }
      free (domains);
    }

  n = virConnectGetAllDomainStats (conn, VIR_DOMAIN_STATS_STATE, &records, 0);
  if (n >= 0)
    {
      for (int i = 0; i < n; i++)
        {
          virDomainPtr domain = records[i]->dom;
          int          vir_state = VIR_DOMAIN_NOSTATE;
          char         uuid[VIR_UUID_STRING_BUFLEN];

          hgr_libvirt_get_uuid_string (domain, uuid);
          virTypedParamsGetInt (records[i]->params, records[i]->nparams, "state.state", &vir_state);
          g_ptr_array_add (infos, hgr_guest_info_new (domain,
                                                      hgr_guest_state_from_libvirt (vir_state, g_hash_table_contains (saved, uuid)),
                                                      !g_hash_table_contains (transient, uuid)));
        }
      virDomainStatsRecordListFree (records);
    }
  else
    {
      /* Drivers without bulk stats: a state call per guest. */
      virDomainPtr *domains = NULL;

      n = virConnectListAllDomains (conn, &domains, 0);
      if (n < 0)
        {
          hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not list the guests."));
          return NULL;
        }
      for (int i = 0; i < n; i++)
        {
          HgrGuestInfo *info = hgr_guest_info_fetch (domains[i], NULL);

          if (info != NULL)
            g_ptr_array_add (infos, info);
          virDomainFree (domains[i]);
        }
      free (domains);
    }

  return g_steal_pointer (&infos);
}

/* Worker data of a single-guest read. */
typedef struct
{
  virDomainPtr  domain;
  guint         generation;
  gboolean      known;        /* the guest was listed when the read began */
  guint         state_serial; /* and its state serial then */
  guint         fetch_serial; /* FetchEntry.latest when this read began */
  char          uuid[VIR_UUID_STRING_BUFLEN];
  HgrGuestInfo *info; /* what the worker read */
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  virDomainFree (data->domain);
  g_clear_pointer (&data->info, hgr_guest_info_free);
  g_free (data);
}

/* Runs in a worker thread. */
static gboolean
fetch_thread (gpointer      task_data,
              GCancellable *cancellable,
              GError      **error)
{
  FetchData *data = task_data;

  data->info = hgr_guest_info_fetch (data->domain, error);
  return data->info != NULL;
}

static void
fetch_apply (GTask   *task,
             gpointer task_data,
             GError  *error)
{
  HgrHost    *self = g_task_get_source_object (task);
  FetchData  *data = task_data;
  FetchEntry *entry;
  gboolean    current;
  HgrGuest   *guest;

  hgr_task_return (task, NULL); /* nobody waits for the task itself */
  if (data->generation != self->generation)
    {
      g_clear_error (&error);
      return;
    }
  entry = g_hash_table_lookup (self->fetching, data->uuid);
  g_assert (entry != NULL && entry->in_flight > 0);
  /* A newer read follows (a rename is UNDEFINED then DEFINED): this one may
   * hold the old name, so it gives way. */
  current = entry->latest == data->fetch_serial && !entry->dropped;
  if (--entry->in_flight == 0)
    g_hash_table_remove (self->fetching, data->uuid);
  if (error != NULL || !current)
    {
      /* Gone before we could read it, or read again: nothing to show. */
      if (error != NULL)
        g_debug ("%s: guest %s: %s", self->uri, data->uuid, error->message);
      g_clear_error (&error);
      return;
    }

  guest = g_hash_table_lookup (self->by_uuid, data->info->uuid);
  /* An event changed the state while the worker read (a guest redefined,
   * then destroyed): the event is newer than what was read. */
  if (guest != NULL && data->known && guest->state_serial != data->state_serial)
    data->info->state = hgr_guest_get_state (guest);
  if (guest != NULL)
    hgr_guest_apply_info (guest, data->info);
  else
    add_guest (self, data->info);
}

/* The guest @uuid went away: a read of it under way shows nothing. */
void
hgr_host_drop_fetch (HgrHost    *self,
                     const char *uuid)
{
  FetchEntry *entry = g_hash_table_lookup (self->fetching, uuid);

  if (entry != NULL)
    entry->dropped = TRUE;
}

/* Reads one guest anew in a worker, then adds or updates it. */
void
hgr_host_fetch_guest (HgrHost     *self,
                      virDomainPtr domain)
{
  FetchData  *data = g_new0 (FetchData, 1);
  FetchEntry *entry;
  HgrGuest   *known;

  virDomainRef (domain);
  data->domain = domain;
  data->generation = self->generation;
  virDomainGetUUIDString (domain, data->uuid);
  known = g_hash_table_lookup (self->by_uuid, data->uuid);
  if (known != NULL)
    {
      data->known = TRUE;
      data->state_serial = known->state_serial;
    }
  entry = g_hash_table_lookup (self->fetching, data->uuid);
  if (entry == NULL)
    {
      entry = g_new0 (FetchEntry, 1);
      g_hash_table_insert (self->fetching, g_strdup (data->uuid), entry);
    }
  entry->latest = data->fetch_serial = ++self->fetch_serial;
  entry->in_flight++;
  entry->dropped = FALSE;

  hgr_task_run (hgr_task_new (self, NULL, NULL, NULL, hgr_host_fetch_guest), fetch_thread, data,
                (GDestroyNotify) fetch_data_free, fetch_apply);
}
