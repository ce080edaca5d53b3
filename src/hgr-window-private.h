/* hgr-window-private.h — HgrWindow's struct, shared by its files
 *
 * HgrWindow is one type in several files: hgr-window.c (the window, its
 * selection and pages), hgr-window-sidebar.c (the list of hosts and guests,
 * search, sort and empty states), hgr-window-pacing.c (a host's guests
 * entering that list a few rows per frame), hgr-window-commands.c (the
 * guest, host and window actions with their dialogs and toasts) and
 * hgr-window-new-guest.c (New Guest).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-a11y.h"
#include "hgr-add-connection-dialog.h"
#include "hgr-application.h"
#include "hgr-console-page.h"
#include "hgr-console-window.h"
#include "hgr-credential-dialog.h"
#include "hgr-delete-dialog.h"
#include "hgr-details-view.h"
#include "hgr-guest-page.h"
#include "hgr-guest-row.h"
#include "hgr-host-page.h"
#include "hgr-host-row.h"
#include "hgr-install-banner.h"
#include "hgr-window.h"

G_BEGIN_DECLS

typedef enum
{
  HGR_SORT_BY_NAME,
  HGR_SORT_BY_STATE,
  HGR_SORT_BY_CPU,
  HGR_SORT_BY_MEMORY,
} HgrSortBy;

typedef struct _HgrPacer HgrPacer;

/* Timing messages for the benchmarks (G_MESSAGES_DEBUG=hgr-perf). */
#define PERF_DOMAIN "hgr-perf"

struct _HgrWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  AdwViewSwitcherTitle *content_title;
  GtkButton            *run_button;
  GtkButton            *pause_button;
  GtkButton            *resume_button;
  GtkButton            *shut_down_button;
  GtkMenuButton        *guest_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  AdwBin               *guest_page_bin;
  AdwViewStack         *guest_view_stack;
  AdwBin               *console_bin;
  AdwBin               *details_bin;
  HgrHostPage          *host_page;
  HgrInstallBanner     *install_banner;

  /* The bins' children, weak pointers, made when first needed (start-up):
   * the overview when a guest is first chosen, the others when first shown */
  HgrGuestPage   *guest_page;
  HgrConsolePage *console_page;
  HgrDetailsView *details_view;

  /* Owned */
  HgrHostStore        *store;
  GSettings           *settings; /* nullable */
  GtkCustomFilter     *filter;
  char                *search_text; /* casefolded; NULL shows all */
  GtkMultiSorter      *sorter;      /* the order chosen; each host's section adds its own */
  HgrSortBy            sort_by;
  GHashTable          *collapsed; /* URIs of the hosts whose guests are hidden */
  GtkFlattenListModel *items;
  GtkSingleSelection  *selection;
  GSignalGroup        *guest_signals;
  GSignalGroup        *host_signals;
  GCancellable        *cancellable;
  gboolean             leaving_guest;       /* the user chose to drop the Details view's edits */
  gboolean             stall_probe_started; /* for the benchmarks: once */
  gint64               mapped_at;           /* for the benchmarks: the first map */
  GList               *pacers;              /* of HgrPacer, one per host section; they unlink themselves */
};

/* hgr-window.c */
HgrGuest       *hgr_window_get_selected_guest (HgrWindow *self);
HgrHost        *hgr_window_get_selected_host (HgrWindow *self);
void            hgr_window_update_actions (HgrWindow *self);
void            hgr_window_update_console_active (HgrWindow *self);
HgrGuestPage   *hgr_window_ensure_guest_page (HgrWindow *self);
HgrConsolePage *hgr_window_ensure_console_page (HgrWindow *self);
HgrDetailsView *hgr_window_ensure_details_view (HgrWindow *self);

/* hgr-window-sidebar.c */
gpointer   hgr_window_map_host_section (gpointer item,
                                        gpointer user_data);
gboolean   hgr_window_match_guest (gpointer item,
                                   gpointer user_data);
GtkSorter *hgr_window_new_section_sorter (HgrWindow *self,
                                          HgrHost   *host);
void       hgr_window_load_collapsed (HgrWindow *self);
void       hgr_window_toggle_host_guests_cb (GSimpleAction *action,
                                             GVariant      *parameter,
                                             gpointer       user_data);
gboolean   hgr_window_sidebar_key_cb (GtkEventControllerKey *controller,
                                      guint                  keyval,
                                      guint                  keycode,
                                      GdkModifierType        state,
                                      HgrWindow             *self);
void       hgr_window_set_sort (HgrWindow  *self,
                                const char *sort_by);
void       hgr_window_sort_by_change_state_cb (GSimpleAction *action,
                                               GVariant      *value,
                                               gpointer       user_data);
void       hgr_window_search_changed_cb (HgrWindow *self);
void       hgr_window_update_sidebar_page (HgrWindow *self);
void       hgr_window_factory_bind_cb (GtkSignalListItemFactory *factory,
                                       GtkListItem              *list_item,
                                       HgrWindow                *self);
void       hgr_window_factory_unbind_cb (GtkSignalListItemFactory *factory,
                                         GtkListItem              *list_item,
                                         HgrWindow                *self);
void       hgr_window_credential_requested_cb (GObject              *asker,
                                               HgrCredentialRequest *request,
                                               HgrWindow            *self);

/* hgr-window-pacing.c */
GListModel *hgr_window_pace_section (HgrWindow  *self,
                                     GListModel *sorted);
void        hgr_window_finish_pacing (HgrWindow *self);

/* hgr-window-commands.c */
void hgr_window_class_install_commands (GtkWidgetClass *widget_class);
void hgr_window_class_install_new_guest (GtkWidgetClass *widget_class);
void hgr_window_show_toast (HgrWindow  *self,
                            const char *message,
                            guint       timeout);
void hgr_window_console_detach_cb (HgrWindow *self,
                                   gboolean   fullscreen);

G_END_DECLS
