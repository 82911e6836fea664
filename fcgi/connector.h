/* connector.h - the connector types we know (connector.c): the names stored in connectors.type
 * (its CHECK in sql/001_core.sql lists the same seven), in display order, and their labels (as
 * sql/defs/40_map.sql's map_connector_label gives them to the map's features). */
#ifndef EVSHARE_CONNECTOR_H
#define EVSHARE_CONNECTOR_H

#define CONNECTOR_TYPES 7

/* The CONNECTOR_TYPES names, then NULL. */
extern const char *const connector_types[];
/* The label shown for type ("Type 2" for "type2"), or type itself when it is not one we know. */
const char *connector_label(const char *type);

#endif
