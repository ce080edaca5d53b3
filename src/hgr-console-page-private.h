/* hgr-console-page-private.h — HgrConsolePage's struct, shared by its files
 *
 * HgrConsolePage is one type in four files: hgr-console-page.c (its
 * states: opening the display, which status to show), hgr-console-page-status.c
 * (the status page, its spinner and its buttons' actions),
 * hgr-console-page-keyring.c (remembered passwords) and
 * hgr-console-page-toolbar.c (the toolbar's actions and fullscreen).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-console-page.h"

G_BEGIN_DECLS

/* The status page's one button: what it does */
typedef enum
{
  STATUS_BUTTON_NONE,
  STATUS_BUTTON_RUN,
  STATUS_BUTTON_RECONNECT,
  STATUS_BUTTON_PASSWORD,
  STATUS_BUTTON_ADD_VNC,
} StatusButton;

struct _HgrConsolePage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkRevealer     *typing_revealer;  /* Type Clipboard's progress, with Stop */
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
  GtkCheckButton  *remember_button;
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
  GCancellable       *typing;          /* Type Clipboard under way */
  GCancellable       *keyring;         /* a keyring lookup under way */
  gboolean            keyring_tried;   /* asked the keyring in this session */
  gboolean            keyring_used;    /* the display's password came from it */
  gboolean            keyring_forget;  /* forget the refused remembered one once connected */
  char               *keyring_pending; /* typed, to remember once accepted */
  char               *given_password;  /* typed or remembered: wins over the guest's description */
};

/* hgr-console-page.c */
gboolean hgr_console_page_is_fullscreen (HgrConsolePage *self);
void     hgr_console_page_update_hint (HgrConsolePage *self);
void     hgr_console_page_emit_detach_requested (HgrConsolePage *self,
                                                 gboolean        fullscreen);

void hgr_console_page_update (HgrConsolePage *self);
void hgr_console_page_stop (HgrConsolePage *self);
void hgr_console_page_update_actions (HgrConsolePage *self);

/* hgr-console-page-status.c */
void hgr_console_page_draw_spinner (GtkDrawingArea *area,
                                    cairo_t        *cr,
                                    int             width,
                                    int             height,
                                    gpointer        data);
void hgr_console_page_set_spinning (HgrConsolePage *self,
                                    gboolean        spinning);
void hgr_console_page_show_status (HgrConsolePage *self,
                                   const char     *icon_name,
                                   const char     *title,
                                   const char     *description,
                                   StatusButton    button);
void hgr_console_page_run_activated (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data);
void hgr_console_page_send_password_activated (GSimpleAction *action,
                                               GVariant      *parameter,
                                               gpointer       user_data);
void hgr_console_page_reconnect_activated (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data);
void hgr_console_page_password_entry_activate_cb (HgrConsolePage *self);
void hgr_console_page_add_vnc_activated (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data);

/* hgr-console-page-keyring.c */
void     hgr_console_page_keyring_reset (HgrConsolePage *self);
gboolean hgr_console_page_keyring_lookup (HgrConsolePage *self);
gboolean hgr_console_page_keyring_was_used (HgrConsolePage *self);
void     hgr_console_page_keyring_typed (HgrConsolePage *self,
                                         const char     *password);
void     hgr_console_page_keyring_connected (HgrConsolePage *self);

/* hgr-console-page-toolbar.c */
void               hgr_console_page_send_keys_activated (GSimpleAction *action,
                                                         GVariant      *parameter,
                                                         gpointer       user_data);
void               hgr_console_page_screenshot_activated (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);
void               hgr_console_page_detach_activated (GSimpleAction *action,
                                                      GVariant      *parameter,
                                                      gpointer       user_data);
void               hgr_console_page_fullscreen_activated (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);
void               hgr_console_page_type_clipboard_activated (GSimpleAction *action,
                                                              GVariant      *parameter,
                                                              gpointer       user_data);
void               hgr_console_page_stop_typing_activated (GSimpleAction *action,
                                                           GVariant      *parameter,
                                                           gpointer       user_data);
void               hgr_console_page_typing_layout_changed (GSimpleAction *action,
                                                           GVariant      *value,
                                                           gpointer       user_data);
void               hgr_console_page_stop_typing (HgrConsolePage *self);
HgrVncTypingLayout hgr_console_page_typing_layout_from_name (const char *name);
GtkRevealer       *hgr_console_page_toolbar_holder (HgrConsolePage *self);
GtkWindow         *hgr_console_page_get_window (HgrConsolePage *self);
void               hgr_console_page_fullscreen_changed_cb (HgrConsolePage *self);
gboolean           hgr_console_page_save_screenshot (HgrConsolePage *self,
                                                     GdkTexture     *texture,
                                                     GFile          *file);
void               hgr_console_page_motion_cb (GtkEventControllerMotion *controller,
                                               double                    x,
                                               double                    y,
                                               HgrConsolePage           *self);

G_END_DECLS
