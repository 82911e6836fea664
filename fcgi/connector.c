/* connector.c - see connector.h. */
#include <string.h>

#include "connector.h"

const char *const connector_types[] = { "type2", "ccs2", "chademo", "schuko", "gbt", "type1", "tesla", NULL };
static const char *const connector_labels[] = { "Type 2", "CCS2", "CHAdeMO", "Schuko", "GB/T", "Type 1", "Tesla", NULL };

_Static_assert(sizeof connector_types / sizeof connector_types[0] == CONNECTOR_TYPES + 1,
    "CONNECTOR_TYPES names, then NULL");
_Static_assert(sizeof connector_labels / sizeof connector_labels[0] == CONNECTOR_TYPES + 1,
    "a label for each type");

const char *
connector_label(const char *type)
{
	for (int i = 0; connector_types[i]; i++)
		if (strcmp(connector_types[i], type) == 0)
			return connector_labels[i];
	return type;
}
