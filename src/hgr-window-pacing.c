/* hgr-window-pacing.c — a host's guests enter the sidebar a few rows per frame
 *
 * GTK 4.8's list view makes a row widget for up to 200 items around its
 * anchor as soon as they are in its model. A host that listed 1 000 guests
 * at once therefore made, bound and laid out 200 rows in one main-loop turn
 * (~75 ms here, 4 frames lost). Each host's section is shown through a
 * GtkSliceListModel over its sorted guests that holds at least PACE_ROWS
 * items; when more arrive, it grows by PACE_ROWS items per frame until
 * PACE_LIMIT, beyond the list view's reach, and then takes the rest at once
 * (items past the rows cost no widget). The slice is of the sorted section,
 * so the rows that come first are the first in the chosen order, and a host
 * of a few guests shows them at once. An unmapped window draws no frames:
 * it takes everything in the next idle.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-window"

#include "config.h"

#include "hgr-window-private.h"
#include "hgr-window.h"

#define PACE_ROWS  24
#define PACE_LIMIT 256

struct _HgrPacer
{
  HgrWindow         *window; /* weak */
  GtkSliceListModel *slice;  /* the section owns it, and it owns the pacer */
  GListModel        *source; /* the sorted guests the slice shows */
  guint              tick_id;
  guint              idle_id;
};

static gboolean
pacer_limited (HgrPacer *pacer)
{
  return gtk_slice_list_model_get_size (pacer->slice) != G_MAXUINT;
}

static void
pacer_stop (HgrPacer *pacer)
{
  if (pacer->tick_id != 0 && pacer->window != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (pacer->window), pacer->tick_id);
  pacer->tick_id = 0;
  g_clear_handle_id (&pacer->idle_id, g_source_remove);
}

static void
pacer_unlimit (HgrPacer *pacer)
{
  pacer_stop (pacer);
  gtk_slice_list_model_set_size (pacer->slice, G_MAXUINT);
  if (pacer->window != NULL)
    g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "listed: %u items in the window list",
           g_list_model_get_n_items (G_LIST_MODEL (pacer->window->items)));
}

/* One step a frame: PACE_ROWS more, or all once the list view's rows are full. */
static gboolean
pacer_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  HgrPacer *pacer = user_data;
  guint     size = gtk_slice_list_model_get_size (pacer->slice) + PACE_ROWS;

  if (size >= PACE_LIMIT || size >= g_list_model_get_n_items (pacer->source))
    {
      pacer->tick_id = 0; /* removed by the return */
      pacer_unlimit (pacer);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (pacer->slice, size);
  return G_SOURCE_CONTINUE;
}

static gboolean
pacer_all_cb (gpointer user_data)
{
  HgrPacer *pacer = user_data;

  pacer->idle_id = 0;
  pacer_unlimit (pacer);
  return G_SOURCE_REMOVE;
}

/* An emptied section paces its next guests again (a host that reconnects). */
static gboolean
pacer_reset_cb (gpointer user_data)
{
  HgrPacer *pacer = user_data;

  pacer->idle_id = 0;
  if (g_list_model_get_n_items (pacer->source) == 0)
    gtk_slice_list_model_set_size (pacer->slice, PACE_ROWS);
  return G_SOURCE_REMOVE;
}

/* Runs before the slice's own handler: the size must not change inside the
 * emission, so the steps are scheduled, never taken here. */
static void
source_items_changed_cb (GListModel *source,
                         guint       position,
                         guint       removed,
                         guint       added,
                         HgrPacer   *pacer)
{
  guint n = g_list_model_get_n_items (source);

  if (pacer->window == NULL || pacer->tick_id != 0 || pacer->idle_id != 0)
    return;
  if (!pacer_limited (pacer))
    {
      if (n == 0)
        pacer->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, pacer_reset_cb, pacer, NULL);
      return;
    }
  if (n <= gtk_slice_list_model_get_size (pacer->slice))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (pacer->window)))
    pacer->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (pacer->window), pacer_tick_cb, pacer, NULL);
  else
    pacer->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, pacer_all_cb, pacer, NULL);
}

static void
pacer_free (gpointer data)
{
  HgrPacer *pacer = data;

  pacer_stop (pacer);
  g_signal_handlers_disconnect_by_data (pacer->source, pacer);
  g_object_unref (pacer->source);
  if (pacer->window != NULL)
    pacer->window->pacers = g_list_remove (pacer->window->pacers, pacer);
  g_clear_weak_pointer (&pacer->window);
  g_free (pacer);
}

/**
 * hgr_window_pace_section:
 * @self: a window
 * @sorted: (transfer full): a host's guests, filtered and sorted
 *
 * Returns: (transfer full): @sorted as the sidebar shows it: what it holds
 *   now at once, guests that arrive later a few per frame
 */
GListModel *
hgr_window_pace_section (HgrWindow  *self,
                         GListModel *sorted)
{
  HgrPacer *pacer = g_new0 (HgrPacer, 1);

  g_set_weak_pointer (&pacer->window, self);
  pacer->source = g_object_ref (sorted);
  /* connected before the slice exists, so it runs before the slice's handler */
  g_signal_connect (sorted, "items-changed", G_CALLBACK (source_items_changed_cb), pacer);
  pacer->slice = gtk_slice_list_model_new (sorted, 0, MAX (g_list_model_get_n_items (sorted), PACE_ROWS));
  g_object_set_data_full (G_OBJECT (pacer->slice), "hgr-pacer", pacer, pacer_free);
  self->pacers = g_list_prepend (self->pacers, pacer);
  return G_LIST_MODEL (pacer->slice);
}

/**
 * hgr_window_finish_pacing:
 * @self: a window
 *
 * Puts every guest still waiting for its frame into the list at once, for
 * a caller that looks one up (selecting a guest just made).
 */
void
hgr_window_finish_pacing (HgrWindow *self)
{
  for (GList *l = self->pacers; l != NULL; l = l->next)
    {
      HgrPacer *pacer = l->data;

      if (pacer_limited (pacer))
        pacer_unlimit (pacer);
    }
}
