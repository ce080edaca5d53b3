/* hgr-config-part.h — one piece of a guest's configuration (CPU, memory, a disk…): read, check, write back
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* What the host allows, for validate(); 0 or NULL where it is not known. */
typedef struct
{
  guint64  host_memory;  /* bytes */
  guint    max_vcpus;    /* the most vCPUs one guest may have on the host */
  GStrv    cpu_models;   /* named CPU models the host can run */
  GStrv    networks;     /* the host's virtual networks */
  gboolean guest_active; /* the guest runs: no rename */
  /* Whether a path exists on the host (NULL: not checked) */
  gboolean (*path_exists) (const char *path,
                           gpointer    data);
  gpointer path_data;
} HgrConfigLimits;

#define HGR_TYPE_CONFIG_PART (hgr_config_part_get_type ())

G_DECLARE_DERIVABLE_TYPE (HgrConfigPart, hgr_config_part, HGR, CONFIG_PART, GObject)

/**
 * HgrConfigPartClass:
 * @load: reads the part's properties from the `<domain>` element @domain
 * @validate: checks the current values, one clear message per bad value;
 *   @domain is the document the change will be applied to
 * @apply: writes the values the user changed (and only those) into @domain,
 *   finding its nodes again by the values it was loaded with
 * @apply_live: on a running guest, after the configuration was defined,
 *   makes the change live where libvirt can; what it cannot do stays pending
 * @same_as_live: whether the live part @live already has this part's values
 * @prepare: in the apply worker, before anything is applied: makes what the
 *   part needs on the host (e.g. a new volume) or says why it cannot
 * @rollback: undoes prepare() when the define then failed
 *
 * The properties a subclass installs are its values: the base class keeps
 * what load() read, tells whether any changed (#HgrConfigPart:modified) and
 * puts them back on revert.
 */
struct _HgrConfigPartClass
{
  GObjectClass parent_class;

  gboolean (*load) (HgrConfigPart *self,
                    xmlNodePtr     domain,
                    GError       **error);
  gboolean (*validate) (HgrConfigPart         *self,
                        xmlNodePtr             domain,
                        const HgrConfigLimits *limits,
                        GError               **error);
  gboolean (*apply) (HgrConfigPart *self,
                     xmlNodePtr     domain,
                     GError       **error);
  gboolean (*apply_live) (HgrConfigPart *self,
                          xmlNodePtr     domain,
                          virDomainPtr   guest,
                          GError       **error);
  gboolean (*same_as_live) (HgrConfigPart *self,
                            HgrConfigPart *live);
  gboolean (*prepare) (HgrConfigPart *self,
                       virDomainPtr   guest,
                       GError       **error);
  void (*rollback) (HgrConfigPart *self,
                    virDomainPtr   guest);
};

gboolean       hgr_config_part_load (HgrConfigPart *self,
                                     xmlNodePtr     domain,
                                     GError       **error);
gboolean       hgr_config_part_validate (HgrConfigPart         *self,
                                         xmlNodePtr             domain,
                                         const HgrConfigLimits *limits,
                                         GError               **error);
gboolean       hgr_config_part_apply (HgrConfigPart *self,
                                      xmlNodePtr     domain,
                                      GError       **error);
gboolean       hgr_config_part_apply_live (HgrConfigPart *self,
                                           xmlNodePtr     domain,
                                           virDomainPtr   guest,
                                           GError       **error);
gboolean       hgr_config_part_prepare (HgrConfigPart *self,
                                        virDomainPtr   guest,
                                        GError       **error);
void           hgr_config_part_rollback (HgrConfigPart *self,
                                         virDomainPtr   guest);
gboolean       hgr_config_part_same_as_live (HgrConfigPart *self,
                                             HgrConfigPart *live);
void           hgr_config_part_revert (HgrConfigPart *self);
HgrConfigPart *hgr_config_part_dup (HgrConfigPart *self);

const char *hgr_config_part_get_key (HgrConfigPart *self);
const char *hgr_config_part_get_title (HgrConfigPart *self);
gboolean    hgr_config_part_get_modified (HgrConfigPart *self);
gboolean    hgr_config_part_get_added (HgrConfigPart *self);
gboolean    hgr_config_part_get_removed (HgrConfigPart *self);
void        hgr_config_part_set_removed (HgrConfigPart *self,
                                         gboolean       removed);
gboolean    hgr_config_part_get_pending (HgrConfigPart *self);
void        hgr_config_part_set_pending (HgrConfigPart *self,
                                         gboolean       pending);

/* What a device's part does to a running guest (from apply_live). */
typedef struct
{
  const char  *device_xml;   /* the device's element as it stands */
  gboolean     update;       /* a change the running device takes as it is */
  unsigned int update_flags; /* beside VIR_DOMAIN_AFFECT_LIVE */
  const char  *attach_failed;
  const char  *detach_failed;
  const char  *update_failed;
} HgrConfigLiveDevice;

/* For subclasses */
void          hgr_config_part_set_key (HgrConfigPart *self,
                                       const char    *key);
void          hgr_config_part_set_title (HgrConfigPart *self,
                                         const char    *title);
void          hgr_config_part_set_added (HgrConfigPart *self,
                                         gboolean       added);
void          hgr_config_part_keep (HgrConfigPart *self,
                                    const char    *property);
gboolean      hgr_config_part_changed (HgrConfigPart *self,
                                       const char    *property);
gboolean      hgr_config_part_apply_device_live (HgrConfigPart             *self,
                                                 virDomainPtr               guest,
                                                 const HgrConfigLiveDevice *device,
                                                 GError                   **error);
const GValue *hgr_config_part_get_loaded (HgrConfigPart *self,
                                          const char    *property);
const char   *hgr_config_part_get_loaded_string (HgrConfigPart *self,
                                                 const char    *property);

G_END_DECLS
