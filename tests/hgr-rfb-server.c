/* hgr-rfb-server.c — a small RFB 3.8 server for testing the console
 *
 * Protocol: RFC 6143; the QEMU extended key event is client message 255,
 * subtype 0 (down u16, keysym u32, key number u32), announced by the server
 * with a pseudo-rectangle of encoding -258.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hgr-rfb-server.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define ENCODING_RAW            0
#define ENCODING_DESKTOP_SIZE   (-223)
#define ENCODING_RICH_CURSOR    (-239)
#define ENCODING_POINTER_CHANGE (-257)
#define ENCODING_EXT_KEY_EVENT  (-258)
#define ENCODING_EXT_DESKTOP    (-308)

typedef enum
{
  COMMAND_RESIZE,
  COMMAND_CUT_TEXT,
  COMMAND_GARBAGE,
  COMMAND_DISCONNECT,
  COMMAND_FILL,
} CommandKind;

typedef struct
{
  CommandKind kind;
  int         x;
  int         y;
  int         width;
  int         height;
  guint32     rgb;
  char       *text;
} Command;

/* The partial stream: one rectangle this big per update, walking over the
 * screen, at most this many a second. */
#define PARTIAL_WIDTH      640
#define PARTIAL_HEIGHT     360
#define PARTIAL_STEP_X     160
#define PARTIAL_STEP_Y     180
#define PARTIAL_PER_SECOND 60

struct _HgrRfbServer
{
  HgrRfbServerFlags flags;
  int               fd;
  int               wake[2];
  GThread          *thread;

  GMutex   lock; /* guards what the test reads and the command queue */
  GQueue   commands;
  GArray  *events;
  char    *cut_text;
  guint64  frames_sent;
  gboolean finished;

  /* Server thread only. */
  int      width;
  int      height;
  guint32 *frames[2];
  guint    frame_index;
  gboolean client_ext_key;
  gboolean client_desktop_size;
  gboolean client_pointer_change;
  gboolean client_rich_cursor;
  gboolean client_ext_desktop;
  guint16  resize_reason; /* ExtendedDesktopSize: 0 the server's own change, 1 the client asked */
  gboolean announce;
  gboolean request_pending;
  gboolean size_changed; /* since the client last heard the size */
  gboolean dirty;        /* something to send */
  gboolean full;         /* the whole screen: else only the damage below */
  int      damage[4];    /* x0, y0, x1, y1 of what changed (fills) */
  int      walk_x;       /* the partial stream's next rectangle */
  int      walk_y;
  gint64   next_partial_at;
};

/**
 * hgr_rfb_server_pixel:
 *
 * The test picture: red, green, blue and white quarters (top left, top right,
 * bottom left, bottom right), as 0x00RRGGBB.
 */
guint32
hgr_rfb_server_pixel (int x,
                      int y,
                      int width,
                      int height)
{
  gboolean right = x >= width / 2;
  gboolean bottom = y >= height / 2;

  if (!right && !bottom)
    return 0xff0000;
  if (right && !bottom)
    return 0x00ff00;
  if (!right)
    return 0x0000ff;
  return 0xffffff;
}

static void
make_frames (HgrRfbServer *self)
{
  gsize n = (gsize) self->width * self->height;
  int   x, y;

  g_free (self->frames[0]);
  g_free (self->frames[1]);
  self->frames[0] = g_new (guint32, n);
  self->frames[1] = g_new (guint32, n);
  for (y = 0; y < self->height; y++)
    for (x = 0; x < self->width; x++)
      {
        guint32 pixel = hgr_rfb_server_pixel (x, y, self->width, self->height);

        self->frames[0][(gsize) y * self->width + x] = GUINT32_TO_LE (pixel);
        self->frames[1][(gsize) y * self->width + x] = GUINT32_TO_LE (pixel ^ 0xffffff);
      }
  self->frame_index = 0;
}

static gboolean
write_all (HgrRfbServer *self,
           const void   *data,
           gsize         size)
{
  const guint8 *p = data;

  while (size > 0)
    {
      ssize_t n = send (self->fd, p, size, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
read_all (HgrRfbServer *self,
          void         *data,
          gsize         size)
{
  guint8 *p = data;

  while (size > 0)
    {
      ssize_t n = recv (self->fd, p, size, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint16 be = GUINT16_TO_BE (value);

  g_byte_array_append (out, (guint8 *) &be, 2);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (out, (guint8 *) &be, 4);
}

static void
put_rect_header (GByteArray *out,
                 int         x,
                 int         y,
                 int         width,
                 int         height,
                 gint32      encoding)
{
  put_u16 (out, x);
  put_u16 (out, y);
  put_u16 (out, width);
  put_u16 (out, height);
  put_u32 (out, (guint32) encoding);
}

static void
put_pixel_format (GByteArray *out)
{
  static const guint8 format[16] = {
    32,
    24,
    0 /* little endian */,
    1 /* true colour */,
    0,
    255,
    0,
    255,
    0,
    255,
    16,
    8,
    0,
    0,
    0,
    0,
  };

  g_byte_array_append (out, format, sizeof format);
}

/* Which part of the screen the next update sends. */
static void
update_region (HgrRfbServer *self,
               int           region[4])
{
  region[0] = 0;
  region[1] = 0;
  region[2] = self->width;
  region[3] = self->height;
  if (self->full || self->announce || self->size_changed)
    return;
  if (self->flags & HGR_RFB_SERVER_PARTIAL)
    {
      region[0] = self->walk_x;
      region[1] = self->walk_y;
      region[2] = MIN (self->walk_x + PARTIAL_WIDTH, self->width);
      region[3] = MIN (self->walk_y + PARTIAL_HEIGHT, self->height);
      self->walk_x += PARTIAL_STEP_X;
      if (self->walk_x + PARTIAL_WIDTH > self->width)
        {
          self->walk_x = 0;
          self->walk_y += PARTIAL_STEP_Y;
          if (self->walk_y + PARTIAL_HEIGHT > self->height)
            self->walk_y = 0;
        }
      return;
    }
  if (self->damage[2] > self->damage[0])
    memcpy (region, self->damage, sizeof self->damage);
}

static gboolean
send_update (HgrRfbServer *self)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  gboolean ext_desktop = self->client_ext_desktop && (self->size_changed || self->announce);
  gboolean desktop_size = self->size_changed && self->client_desktop_size && !ext_desktop;
  guint16  n_rects = 1;
  int      region[4];
  int      row;

  update_region (self, region);

  if (self->announce)
    n_rects += (self->client_ext_key ? 1 : 0) + (self->client_pointer_change ? 1 : 0) +
               (self->client_rich_cursor ? 1 : 0);
  if (desktop_size || ext_desktop)
    n_rects++;

  g_byte_array_append (out, (const guint8[]){ 0, 0 }, 2);
  put_u16 (out, n_rects);
  if (self->announce && self->client_ext_key)
    put_rect_header (out, 0, 0, 0, 0, ENCODING_EXT_KEY_EVENT);
  if (self->announce && self->client_pointer_change)
    put_rect_header (out, (self->flags & HGR_RFB_SERVER_ABSOLUTE_POINTER) ? 1 : 0, 0, 0, 0,
                     ENCODING_POINTER_CHANGE);
  if (self->announce && self->client_rich_cursor)
    {
      /* 8×8 pixels in the server's format, then a mask of 8 rows of 1 byte. */
      guint i;

      put_rect_header (out, 2, 3, 8, 8, ENCODING_RICH_CURSOR);
      for (i = 0; i < 64; i++)
        g_byte_array_append (out, (const guint8[]){ 0x00, 0x00, 0xff, 0x00 }, 4); /* red */
      for (i = 0; i < 8; i++)
        g_byte_array_append (out, (const guint8[]){ 0xff }, 1);
    }
  if (desktop_size)
    put_rect_header (out, 0, 0, self->width, self->height, ENCODING_DESKTOP_SIZE);
  if (ext_desktop)
    {
      /* x: why, y: status (0 = done); one screen, id 1, the whole desktop */
      put_rect_header (out, self->resize_reason, 0, self->width, self->height, ENCODING_EXT_DESKTOP);
      g_byte_array_append (out, (const guint8[]){ 1, 0, 0, 0 }, 4);
      put_u32 (out, 1);
      put_u16 (out, 0);
      put_u16 (out, 0);
      put_u16 (out, self->width);
      put_u16 (out, self->height);
      put_u32 (out, 0);
      self->resize_reason = 0;
    }
  put_rect_header (out, region[0], region[1], region[2] - region[0], region[3] - region[1], ENCODING_RAW);

  self->announce = FALSE;
  self->dirty = FALSE;
  self->full = FALSE;
  self->size_changed = FALSE;
  self->request_pending = FALSE;
  memset (self->damage, 0, sizeof self->damage);
  if (region[0] == 0 && region[2] == self->width)
    {
      /* whole rows: one piece of the frame */
      if (!write_all (self, out->data, out->len) ||
          !write_all (self, self->frames[self->frame_index] + (gsize) region[1] * self->width,
                      (gsize) self->width * (region[3] - region[1]) * 4))
        return FALSE;
    }
  else
    {
      for (row = region[1]; row < region[3]; row++)
        g_byte_array_append (out, (const guint8 *) (self->frames[self->frame_index] + (gsize) row * self->width + region[0]),
                             (region[2] - region[0]) * 4);
      if (!write_all (self, out->data, out->len))
        return FALSE;
    }

  if (self->flags & (HGR_RFB_SERVER_STREAM | HGR_RFB_SERVER_PARTIAL))
    self->frame_index ^= 1;
  if (self->flags & HGR_RFB_SERVER_PARTIAL)
    self->next_partial_at = g_get_monotonic_time () + G_USEC_PER_SEC / PARTIAL_PER_SECOND;
  g_mutex_lock (&self->lock);
  self->frames_sent++;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

static gboolean
handshake (HgrRfbServer *self)
{
  g_autoptr (GByteArray) init = g_byte_array_new ();
  char              version[12];
  guint8            chosen = 0;
  guint8            shared = 0;
  gboolean          password = (self->flags & HGR_RFB_SERVER_PASSWORD) != 0;
  static const char name[] = "Hangar test server";

  if (!write_all (self, "RFB 003.008\n", 12) || !read_all (self, version, sizeof version))
    return FALSE;
  if (memcmp (version, "RFB 003.008\n", 12) != 0)
    return FALSE;

  /* One security type: None, or VNC authentication that always fails. */
  if (!write_all (self, (const guint8[]){ 1, password ? 2 : 1 }, 2) || !read_all (self, &chosen, 1))
    return FALSE;
  if (password)
    {
      static const char reason[] = "Authentication failed";
      guint8            challenge[16] = { 0 };
      guint8            response[16];
      guint32           result = GUINT32_TO_BE (1);
      guint32           length = GUINT32_TO_BE (sizeof reason - 1);

      /* The answer is not checked: this server refuses every password. */
      if (write_all (self, challenge, sizeof challenge) && read_all (self, response, sizeof response) &&
          write_all (self, &result, 4) && write_all (self, &length, 4))
        write_all (self, reason, sizeof reason - 1);
      return FALSE;
    }
  if (!write_all (self, (const guint8[]){ 0, 0, 0, 0 }, 4) || !read_all (self, &shared, 1))
    return FALSE;

  put_u16 (init, self->width);
  put_u16 (init, self->height);
  put_pixel_format (init);
  put_u32 (init, sizeof name - 1);
  g_byte_array_append (init, (const guint8 *) name, sizeof name - 1);
  return write_all (self, init->data, init->len);
}

static void
record_event (HgrRfbServer      *self,
              const HgrRfbEvent *event)
{
  g_mutex_lock (&self->lock);
  g_array_append_val (self->events, *event);
  g_mutex_unlock (&self->lock);
}

/* Reads one client message; FALSE when the client went away or spoke nonsense. */
static gboolean
handle_client_message (HgrRfbServer *self)
{
  guint8 type;
  guint8 buffer[16];

  if (!read_all (self, &type, 1))
    return FALSE;

  switch (type)
    {
    case 0: /* SetPixelFormat: this server speaks one format only */
      return read_all (self, buffer, 3 + 16);
    case 2: /* SetEncodings */
      {
        guint16 count, i;

        if (!read_all (self, buffer, 3))
          return FALSE;
        count = (buffer[1] << 8) | buffer[2];
        for (i = 0; i < count; i++)
          {
            gint32 encoding;

            if (!read_all (self, &encoding, 4))
              return FALSE;
            encoding = (gint32) GUINT32_FROM_BE ((guint32) encoding);
            if (encoding == ENCODING_EXT_KEY_EVENT && (self->flags & HGR_RFB_SERVER_EXT_KEY))
              self->client_ext_key = TRUE;
            else if (encoding == ENCODING_DESKTOP_SIZE)
              self->client_desktop_size = TRUE;
            else if (encoding == ENCODING_POINTER_CHANGE)
              self->client_pointer_change = TRUE;
            else if (encoding == ENCODING_RICH_CURSOR && (self->flags & HGR_RFB_SERVER_CURSOR))
              self->client_rich_cursor = TRUE;
            else if (encoding == ENCODING_EXT_DESKTOP && (self->flags & HGR_RFB_SERVER_RESIZABLE))
              self->client_ext_desktop = TRUE;
          }
        self->announce = TRUE;
        return TRUE;
      }
    case 3: /* FramebufferUpdateRequest */
      if (!read_all (self, buffer, 9))
        return FALSE;
      self->request_pending = TRUE;
      if (buffer[0] == 0)
        self->dirty = self->full = TRUE;
      return TRUE;
    case 4: /* KeyEvent */
      {
        HgrRfbEvent event = { HGR_RFB_EVENT_KEY };

        if (!read_all (self, buffer, 7))
          return FALSE;
        event.down = buffer[0] != 0;
        event.keysym = ((guint32) buffer[3] << 24) | (buffer[4] << 16) | (buffer[5] << 8) | buffer[6];
        record_event (self, &event);
        return TRUE;
      }
    case 5: /* PointerEvent */
      {
        HgrRfbEvent event = { HGR_RFB_EVENT_POINTER };

        if (!read_all (self, buffer, 5))
          return FALSE;
        event.buttons = buffer[0];
        event.x = (buffer[1] << 8) | buffer[2];
        event.y = (buffer[3] << 8) | buffer[4];
        record_event (self, &event);
        return TRUE;
      }
    case 6: /* ClientCutText */
      {
        guint32          length;
        g_autofree char *text = NULL;

        if (!read_all (self, buffer, 7))
          return FALSE;
        length = ((guint32) buffer[3] << 24) | (buffer[4] << 16) | (buffer[5] << 8) | buffer[6];
        if (length > 1 << 20)
          return FALSE;
        text = g_malloc0 (length + 1);
        if (!read_all (self, text, length))
          return FALSE;
        g_mutex_lock (&self->lock);
        g_free (self->cut_text);
        self->cut_text = g_steal_pointer (&text);
        g_mutex_unlock (&self->lock);
        return TRUE;
      }
    case 251: /* SetDesktopSize: the client asks for a size */
      {
        guint8  screens;
        guint8  screen[16];
        guint16 width, height, i;

        if (!read_all (self, buffer, 7))
          return FALSE;
        width = (buffer[1] << 8) | buffer[2];
        height = (buffer[3] << 8) | buffer[4];
        screens = buffer[5];
        for (i = 0; i < screens; i++)
          if (!read_all (self, screen, sizeof screen))
            return FALSE;
        if (width == 0 || height == 0 || width > 8192 || height > 8192)
          return FALSE;
        self->width = width;
        self->height = height;
        make_frames (self);
        self->dirty = self->full = TRUE;
        self->size_changed = TRUE;
        self->resize_reason = 1;
        return TRUE;
      }
    case 255: /* QEMU client message; subtype 0 is the extended key event */
      {
        HgrRfbEvent event = { HGR_RFB_EVENT_EXT_KEY };

        if (!read_all (self, buffer, 11) || buffer[0] != 0)
          return FALSE;
        event.down = ((buffer[1] << 8) | buffer[2]) != 0;
        event.keysym = ((guint32) buffer[3] << 24) | (buffer[4] << 16) | (buffer[5] << 8) | buffer[6];
        event.qnum = ((guint32) buffer[7] << 24) | (buffer[8] << 16) | (buffer[9] << 8) | buffer[10];
        record_event (self, &event);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* Runs one command from the test; FALSE ends the session. */
static gboolean
run_command (HgrRfbServer *self,
             Command      *command)
{
  switch (command->kind)
    {
    case COMMAND_RESIZE:
      self->width = command->width;
      self->height = command->height;
      make_frames (self);
      self->dirty = self->full = TRUE;
      self->size_changed = TRUE;
      return TRUE;
    case COMMAND_CUT_TEXT:
      {
        g_autoptr (GByteArray) out = g_byte_array_new ();

        g_byte_array_append (out, (const guint8[]){ 3, 0, 0, 0 }, 4);
        put_u32 (out, strlen (command->text));
        g_byte_array_append (out, (const guint8 *) command->text, strlen (command->text));
        return write_all (self, out->data, out->len);
      }
    case COMMAND_FILL:
      {
        int x0 = CLAMP (command->x, 0, self->width), y0 = CLAMP (command->y, 0, self->height);
        int x1 = CLAMP (command->x + command->width, x0, self->width);
        int y1 = CLAMP (command->y + command->height, y0, self->height);

        for (int y = y0; y < y1; y++)
          for (int x = x0; x < x1; x++)
            self->frames[self->frame_index][(gsize) y * self->width + x] = GUINT32_TO_LE (command->rgb);
        if (self->damage[2] <= self->damage[0])
          {
            self->damage[0] = x0;
            self->damage[1] = y0;
            self->damage[2] = x1;
            self->damage[3] = y1;
          }
        else
          {
            self->damage[0] = MIN (self->damage[0], x0);
            self->damage[1] = MIN (self->damage[1], y0);
            self->damage[2] = MAX (self->damage[2], x1);
            self->damage[3] = MAX (self->damage[3], y1);
          }
        self->dirty = TRUE;
        return TRUE;
      }
    case COMMAND_GARBAGE:
      /* Message type 0xfe does not exist. */
      return write_all (self, (const guint8[]){ 0xfe, 0xfe, 0xfe, 0xfe }, 4);
    case COMMAND_DISCONNECT:
    default:
      return FALSE;
    }
}

static void
command_free (Command *command)
{
  g_free (command->text);
  g_free (command);
}

static gpointer
server_thread (gpointer user_data)
{
  HgrRfbServer *self = user_data;
  gboolean      running = handshake (self);

  while (running)
    {
      struct pollfd fds[2] = { { self->fd, POLLIN, 0 }, { self->wake[0], POLLIN, 0 } };
      gboolean      partial = (self->flags & HGR_RFB_SERVER_PARTIAL) != 0;
      gboolean      stream = (self->flags & HGR_RFB_SERVER_STREAM) != 0 || partial;
      int           timeout = -1;

      if (self->request_pending && (self->dirty || self->announce || stream))
        {
          gint64 wait = partial && !self->full ? self->next_partial_at - g_get_monotonic_time () : 0;

          if (wait <= 0)
            {
              running = send_update (self);
              continue;
            }
          timeout = (int) (wait / 1000) + 1;
        }
      if (poll (fds, 2, timeout) < 0 && errno != EINTR)
        break;
      if (fds[1].revents & POLLIN)
        {
          char     byte;
          Command *command;

          (void) !read (self->wake[0], &byte, 1);
          g_mutex_lock (&self->lock);
          command = g_queue_pop_head (&self->commands);
          g_mutex_unlock (&self->lock);
          if (command != NULL)
            {
              running = run_command (self, command);
              command_free (command);
            }
        }
      if (running && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)))
        running = handle_client_message (self);
    }

  shutdown (self->fd, SHUT_RDWR);
  g_mutex_lock (&self->lock);
  self->finished = TRUE;
  g_mutex_unlock (&self->lock);
  return NULL;
}

HgrRfbServer *
hgr_rfb_server_new (int               width,
                    int               height,
                    HgrRfbServerFlags flags)
{
  HgrRfbServer *self = g_new0 (HgrRfbServer, 1);

  self->flags = flags;
  self->fd = -1;
  self->width = width;
  self->height = height;
  self->events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));
  g_mutex_init (&self->lock);
  g_queue_init (&self->commands);
  g_assert_no_errno (pipe (self->wake));
  make_frames (self);
  return self;
}

/**
 * hgr_rfb_server_start_on_fd:
 * @fd: a connected socket; the server owns it
 *
 * Serves one client on @fd.
 */
void
hgr_rfb_server_start_on_fd (HgrRfbServer *self,
                            int           fd)
{
  g_assert_null (self->thread);
  /* This server blocks; a socket from GSocket does not. */
  g_assert_no_errno (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK));
  self->fd = fd;
  self->thread = g_thread_new ("rfb-server", server_thread, self);
}

/**
 * hgr_rfb_server_start:
 *
 * Returns: the client's end of a socket pair; the caller owns it
 */
int
hgr_rfb_server_start (HgrRfbServer *self)
{
  int fds[2];

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
  hgr_rfb_server_start_on_fd (self, fds[0]);
  return fds[1];
}

static void
push_command (HgrRfbServer *self,
              Command      *command)
{
  g_mutex_lock (&self->lock);
  g_queue_push_tail (&self->commands, command);
  g_mutex_unlock (&self->lock);
  g_assert_cmpint (write (self->wake[1], "c", 1), ==, 1);
}

void
hgr_rfb_server_resize (HgrRfbServer *self,
                       int           width,
                       int           height)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_RESIZE;
  command->width = width;
  command->height = height;
  push_command (self, command);
}

void
hgr_rfb_server_send_cut_text (HgrRfbServer *self,
                              const char   *latin1)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_CUT_TEXT;
  command->text = g_strdup (latin1);
  push_command (self, command);
}

/**
 * hgr_rfb_server_fill:
 * @rgb: 0x00RRGGBB
 *
 * Paints a rectangle of the screen in one colour; the next update sends
 * only what changed since the last one (the rectangles' bounding box).
 */
void
hgr_rfb_server_fill (HgrRfbServer *self,
                     int           x,
                     int           y,
                     int           width,
                     int           height,
                     guint32       rgb)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_FILL;
  command->x = x;
  command->y = y;
  command->width = width;
  command->height = height;
  command->rgb = rgb;
  push_command (self, command);
}

void
hgr_rfb_server_send_garbage (HgrRfbServer *self)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_GARBAGE;
  push_command (self, command);
}

void
hgr_rfb_server_disconnect (HgrRfbServer *self)
{
  Command *command = g_new0 (Command, 1);

  command->kind = COMMAND_DISCONNECT;
  push_command (self, command);
}

/**
 * hgr_rfb_server_take_events:
 *
 * Returns: (transfer full): the input events received since the last call
 */
GArray *
hgr_rfb_server_take_events (HgrRfbServer *self)
{
  GArray *events;

  g_mutex_lock (&self->lock);
  events = self->events;
  self->events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));
  g_mutex_unlock (&self->lock);
  return events;
}

char *
hgr_rfb_server_dup_cut_text (HgrRfbServer *self)
{
  char *text;

  g_mutex_lock (&self->lock);
  text = g_strdup (self->cut_text);
  g_mutex_unlock (&self->lock);
  return text;
}

guint64
hgr_rfb_server_get_frames_sent (HgrRfbServer *self)
{
  guint64 frames;

  g_mutex_lock (&self->lock);
  frames = self->frames_sent;
  g_mutex_unlock (&self->lock);
  return frames;
}

gboolean
hgr_rfb_server_is_finished (HgrRfbServer *self)
{
  gboolean finished;

  g_mutex_lock (&self->lock);
  finished = self->finished;
  g_mutex_unlock (&self->lock);
  return finished;
}

void
hgr_rfb_server_free (HgrRfbServer *self)
{
  if (self->thread != NULL)
    {
      /* Unblocks a thread stuck writing to a client that stopped reading. */
      shutdown (self->fd, SHUT_RDWR);
      hgr_rfb_server_disconnect (self);
      g_thread_join (self->thread);
    }
  if (self->fd >= 0)
    close (self->fd);
  close (self->wake[0]);
  close (self->wake[1]);
  g_queue_clear_full (&self->commands, (GDestroyNotify) command_free);
  g_array_unref (self->events);
  g_free (self->cut_text);
  g_free (self->frames[0]);
  g_free (self->frames[1]);
  g_mutex_clear (&self->lock);
  g_free (self);
}
