/* hgr-os-db.c — the operating systems libosinfo knows, and which one an install medium holds
 *
 * The database is read once, in a worker (it is a few hundred XML files), on
 * first use; after that the list is a GListModel of HgrOsInfo, newest release
 * first, after the three generic choices. Detection reads the medium's ISO
 * 9660 volume descriptor in a worker with a time limit: a medium on a slow
 * or stuck file system gives up after HGR_OS_DB_IDENTIFY_TIMEOUT seconds.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-os-db.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "hgr-error.h"
#include "hgr-task.h"

struct _HgrOsDb
{
  GObject parent_instance;

  OsinfoDb   *db; /* NULL until loaded */
  GListStore *list;
  GHashTable *by_short_id; /* short id → HgrOsInfo (borrowed from list) */
  GHashTable *by_id;       /* libosinfo id → HgrOsInfo (borrowed from list) */
  char       *version;     /* the database's date, YYYYMMDD, or NULL */
};

G_DEFINE_FINAL_TYPE (HgrOsDb, hgr_os_db, G_TYPE_OBJECT)

static void
hgr_os_db_init (HgrOsDb *self)
{
  self->list = g_list_store_new (HGR_TYPE_OS_INFO);
  self->by_short_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
hgr_os_db_finalize (GObject *object)
{
  HgrOsDb *self = HGR_OS_DB (object);

  g_clear_object (&self->db);
  g_clear_object (&self->list);
  g_clear_pointer (&self->by_short_id, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_free (self->version);
  G_OBJECT_CLASS (hgr_os_db_parent_class)->finalize (object);
}

static void
hgr_os_db_class_init (HgrOsDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hgr_os_db_finalize;
}

/**
 * hgr_os_db_get_default:
 *
 * Main thread only.
 *
 * Returns: (transfer none): the application's database (loaded with hgr_os_db_load_async())
 */
HgrOsDb *
hgr_os_db_get_default (void)
{
  static HgrOsDb *db;

  if (db == NULL)
    db = g_object_new (HGR_TYPE_OS_DB, NULL);
  return db;
}

gboolean
hgr_os_db_get_loaded (HgrOsDb *self)
{
  g_return_val_if_fail (HGR_IS_OS_DB (self), FALSE);
  return self->db != NULL;
}

typedef struct
{
  OsinfoDb  *db;
  GPtrArray *infos; /* HgrOsInfo, sorted */
  char      *version;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->db);
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_free (data->version);
  g_free (data);
}

/* Newest first; without a date after every dated one; then by name. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  HgrOsInfo  *x = *(HgrOsInfo *const *) a, *y = *(HgrOsInfo *const *) b;
  const char *dx = hgr_os_info_get_release_date (x), *dy = hgr_os_info_get_release_date (y);
  int         by_date = g_strcmp0 (dy, dx);

  if (by_date != 0)
    return dx == NULL ? 1 : dy == NULL ? -1
                                       : by_date;
  return g_utf8_collate (hgr_os_info_get_name (x), hgr_os_info_get_name (y));
}

/* libosinfo's system database, where the loader looks for it first. */
static char *
read_version (void)
{
  const char      *dir = g_getenv ("OSINFO_SYSTEM_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : "/usr/share/osinfo", "VERSION", NULL);
  char            *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return g_strstrip (text);
}

static gboolean
load_thread (gpointer      task_data,
             GCancellable *cancellable,
             GError      **error)
{
  LoadData *data = task_data;
  g_autoptr (OsinfoLoader) loader = osinfo_loader_new ();
  g_autoptr (GError) local_error = NULL;
  OsinfoOsList *list;

  osinfo_loader_process_default_path (loader, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_FAILED, _ ("The operating system database could not be read: %s"),
                   local_error->message);
      return FALSE;
    }
  data->db = g_object_ref (osinfo_loader_get_db (loader));
  list = osinfo_db_get_os_list (data->db);
  data->infos = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 0; i < osinfo_list_get_length (OSINFO_LIST (list)); i++)
    g_ptr_array_add (data->infos, hgr_os_info_new_from_osinfo (OSINFO_OS (osinfo_list_get_nth (OSINFO_LIST (list), i))));
  g_object_unref (list);
  g_ptr_array_sort (data->infos, compare_newest_first);
  data->version = read_version ();
  return TRUE;
}

static void
add_info (HgrOsDb   *self,
          HgrOsInfo *info)
{
  g_list_store_append (self->list, info);
  g_hash_table_insert (self->by_short_id, (gpointer) hgr_os_info_get_short_id (info), info);
  g_hash_table_insert (self->by_id, (gpointer) hgr_os_info_get_id (info), info);
}

static void
load_apply (GTask   *task,
            gpointer task_data,
            GError  *error)
{
  HgrOsDb    *self = g_task_get_source_object (task);
  LoadData   *data = task_data;
  const char *generic[] = { HGR_OS_GENERIC_LINUX, HGR_OS_GENERIC_WINDOWS, HGR_OS_OTHER };

  if (error == NULL && self->db == NULL)
    {
      self->db = g_steal_pointer (&data->db);
      self->version = g_steal_pointer (&data->version);
      for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
        {
          g_autoptr (HgrOsInfo) info = hgr_os_info_new_generic (generic[i]);
          add_info (self, info);
        }
      for (guint i = 0; i < data->infos->len; i++)
        add_info (self, g_ptr_array_index (data->infos, i));
    }
  hgr_task_return (task, error);
}

/**
 * hgr_os_db_load_async:
 * @self: the database
 * @cancellable: (nullable): a cancellable
 * @callback: called when the list is filled
 * @user_data: for @callback
 *
 * Reads libosinfo's database; at once when it was read before.
 */
void
hgr_os_db_load_async (HgrOsDb            *self,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (HGR_IS_OS_DB (self));

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_os_db_load_async);
  if (self->db != NULL)
    {
      hgr_task_return (task, NULL);
      g_object_unref (task);
      return;
    }
  hgr_task_run (task, load_thread, g_new0 (LoadData, 1), (GDestroyNotify) load_data_free, load_apply);
}

gboolean
hgr_os_db_load_finish (HgrOsDb      *self,
                       GAsyncResult *result,
                       GError      **error)
{
  return hgr_task_finish (self, result, hgr_os_db_load_async, error);
}

/* Returns: (transfer none): the generic choices, then every OS, newest first (empty until loaded) */
GListModel *
hgr_os_db_get_list (HgrOsDb *self)
{
  g_return_val_if_fail (HGR_IS_OS_DB (self), NULL);
  return G_LIST_MODEL (self->list);
}

/* Returns: (transfer none) (nullable): the OS with @short_id */
HgrOsInfo *
hgr_os_db_lookup (HgrOsDb    *self,
                  const char *short_id)
{
  g_return_val_if_fail (HGR_IS_OS_DB (self), NULL);
  return short_id != NULL ? g_hash_table_lookup (self->by_short_id, short_id) : NULL;
}

/* Returns: (nullable): the database's release, YYYYMMDD */
const char *
hgr_os_db_get_version (HgrOsDb *self)
{
  g_return_val_if_fail (HGR_IS_OS_DB (self), NULL);
  return self->version;
}

/**
 * hgr_os_db_is_outdated:
 * @self: the database
 * @now: the date to compare with
 *
 * Returns: whether the database was released more than a year before @now
 *   (it does not know the newest releases then)
 */
gboolean
hgr_os_db_is_outdated (HgrOsDb   *self,
                       GDateTime *now)
{
  int year, month, day;

  g_return_val_if_fail (HGR_IS_OS_DB (self), FALSE);

  if (self->version == NULL || sscanf (self->version, "%4d%2d%2d", &year, &month, &day) != 3)
    return FALSE;
  return (g_date_time_get_year (now) - year) * 10000 + (g_date_time_get_month (now) - month) * 100 +
           (g_date_time_get_day_of_month (now) - day) >
         10000;
}

typedef struct
{
  OsinfoDb     *db;
  char         *path;
  char         *os_id;       /* out: what the medium holds, NULL when not known */
  GCancellable *cancellable; /* the worker's: the caller's or the time limit cancel it */
  GCancellable *caller;
  gulong        caller_id;
  guint         timeout_id;
  gboolean      timed_out;
} IdentifyData;

static void
identify_data_free (IdentifyData *data)
{
  g_clear_object (&data->db);
  g_free (data->path);
  g_free (data->os_id);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->caller);
  g_free (data);
}

static gboolean
identify_thread (gpointer      task_data,
                 GCancellable *cancellable,
                 GError      **error)
{
  IdentifyData *data = task_data;
  g_autoptr (OsinfoMedia) media = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *basename = g_path_get_basename (data->path);
  OsinfoOs        *os;

  /* libosinfo's sync call runs a main loop on the thread-default context,
   * which in a worker is the global default one: GTK's frame clock and
   * layout then ran in this thread, beside the main thread's (heap
   * corruption in GTK's CSS code). A context of its own keeps its I/O here. */
  g_autoptr (GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  /* Flags 0: media that are not El Torito bootable are read too. */
  media = osinfo_media_create_from_location_with_flags (data->path, cancellable, 0, &local_error);
  g_main_context_pop_thread_default (context);
  if (media == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (local_error != NULL && local_error->domain == G_IO_ERROR)
        g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("“%s” could not be read: %s"), basename, local_error->message);
      else
        g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                     _ ("“%s” is not an ISO 9660 image (a CD or DVD image): %s"), basename,
                     local_error != NULL ? local_error->message : _ ("unknown error"));
      return FALSE;
    }
  if (osinfo_db_identify_media (data->db, media) && (os = osinfo_media_get_os (media)) != NULL)
    {
      data->os_id = g_strdup (osinfo_entity_get_id (OSINFO_ENTITY (os)));
      g_object_unref (os);
    }
  return TRUE;
}

static void
identify_apply (GTask   *task,
                gpointer task_data,
                GError  *error)
{
  HgrOsDb      *self = g_task_get_source_object (task);
  IdentifyData *data = task_data;
  HgrOsInfo    *info;

  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller != NULL)
    g_cancellable_disconnect (data->caller, data->caller_id);
  data->caller_id = 0;
  if (error != NULL)
    {
      if (data->timed_out)
        {
          g_clear_error (&error);
          g_set_error (&error, HGR_ERROR, HGR_ERROR_UNREACHABLE,
                       _ ("Reading the medium took longer than %u seconds. Choose the operating system from the list."),
                       HGR_OS_DB_IDENTIFY_TIMEOUT);
        }
      g_task_return_error (task, error);
      return;
    }
  info = data->os_id != NULL ? g_hash_table_lookup (self->by_id, data->os_id) : NULL;
  g_task_return_pointer (task, info != NULL ? g_object_ref (info) : NULL, g_object_unref);
}

static gboolean
identify_timeout (gpointer user_data)
{
  IdentifyData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled (GCancellable *caller,
                  GCancellable *worker)
{
  g_cancellable_cancel (worker);
}

/**
 * hgr_os_db_identify_async:
 * @self: the loaded database
 * @path: an ISO image on this computer
 * @cancellable: (nullable): a cancellable
 * @callback: called with the result
 * @user_data: for @callback
 *
 * Reads which OS the medium at @path installs, giving up after
 * %HGR_OS_DB_IDENTIFY_TIMEOUT seconds.
 */
void
hgr_os_db_identify_async (HgrOsDb            *self,
                          const char         *path,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  GTask        *task;
  IdentifyData *data;

  g_return_if_fail (HGR_IS_OS_DB (self));
  g_return_if_fail (self->db != NULL);
  g_return_if_fail (path != NULL);

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_os_db_identify_async);
  data = g_new0 (IdentifyData, 1);
  data->db = g_object_ref (self->db);
  data->path = g_strdup (path);
  data->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled), g_object_ref (data->cancellable),
                                               g_object_unref);
    }
  data->timeout_id = g_timeout_add_seconds (HGR_OS_DB_IDENTIFY_TIMEOUT, identify_timeout, data);
  /* Returns at once when cancelled: a stuck read finishes (and frees data) on its own. */
  hgr_task_run_full (task, data->cancellable, TRUE, identify_thread, data, (GDestroyNotify) identify_data_free,
                     identify_apply);
}

/**
 * hgr_os_db_identify_finish:
 * @self: the database
 * @result: the result
 * @error: why the medium could not be read
 *
 * Returns: (transfer full) (nullable): the OS, or %NULL without @error when
 *   the database does not know the medium
 */
HgrOsInfo *
hgr_os_db_identify_finish (HgrOsDb      *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
