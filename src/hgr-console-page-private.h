/* hgr-console-page-private.h — HgrConsolePage's struct, shared by its files
 *
 * HgrConsolePage is one type in two files: hgr-console-page.c (its states:
 * opening the display, the status pages, the spinner) and
 * hgr-console-page-toolbar.c (the toolbar's actions and fullscreen).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-console-page.h"

G_BEGIN_DECLS

struct _HgrConsolePage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkRevealer     *toolbar_revealer; /* the toolbar's place in a window */
  GtkRevealer     *osd_revealer;     /* and over the picture in fullscreen */
  GtkWidget       *toolbar;
  GtkRevealer     *hint_revealer;
  GtkLabel        *hint_label;
  GtkStack        *stack;
  GtkWidget       *detach_button;
  HgrVncDisplay   *display;
  AdwStatusPage   *status_page;
  GtkDrawingArea  *spinner;
  GtkEntry        *password_entry;
  GtkButton       *status_button;
  GMenu           *function_keys_section;

  /* Owned */
  HgrGuest           *guest;
  GSignalGroup       *guest_signals;
  GSignalGroup       *host_signals;
  GCancellable       *opening;
  char               *open_error;
  gboolean            display_unsupported; /* open_error says the guest has no VNC display (SPICE) */
  GSubprocess        *tunnel;              /* a remote guest's ssh -W */
  char               *tunnel_error;        /* what it said when the display ended */
  GSimpleActionGroup *actions;
  gboolean            active;
  gboolean            detachable;
  GtkWindow          *watched_window;
  GSettings          *settings; /* nullable: the release keys come from it */
  guint               hide_toolbar_source;
  guint               spinner_source;
};

/* hgr-console-page.c */
gboolean hgr_console_page_is_fullscreen (HgrConsolePage *self);
void     hgr_console_page_update_hint (HgrConsolePage *self);
void     hgr_console_page_emit_detach_requested (HgrConsolePage *self,
                                                 gboolean        fullscreen);

/* hgr-console-page-toolbar.c */
void         hgr_console_page_add_vnc_activated (GSimpleAction *action,
                                                 GVariant      *parameter,
                                                 gpointer       user_data);
void         hgr_console_page_send_keys_activated (GSimpleAction *action,
                                                   GVariant      *parameter,
                                                   gpointer       user_data);
void         hgr_console_page_screenshot_activated (GSimpleAction *action,
                                                    GVariant      *parameter,
                                                    gpointer       user_data);
void         hgr_console_page_detach_activated (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data);
void         hgr_console_page_fullscreen_activated (GSimpleAction *action,
                                                    GVariant      *parameter,
                                                    gpointer       user_data);
GtkRevealer *hgr_console_page_toolbar_holder (HgrConsolePage *self);
GtkWindow   *hgr_console_page_get_window (HgrConsolePage *self);
void         hgr_console_page_fullscreen_changed_cb (HgrConsolePage *self);
gboolean     hgr_console_page_save_screenshot (HgrConsolePage *self,
                                               GdkTexture     *texture,
                                               GFile          *file);
void         hgr_console_page_motion_cb (GtkEventControllerMotion *controller,
                                         double                    x,
                                         double                    y,
                                         HgrConsolePage           *self);

G_END_DECLS
