/* load-power.c: `kind: power` — one item of a power list (权责清单) and the
 * benchmarks that are its candidate provisions (docs/rule-format.md#power). */
#include "loader.h"

void
load_power (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = {
    "kind", "code", "name", "category", "benchmarks", "provenance", NULL,
  };
  Power *power = arena_new0 (ld->arena, Power, 1);
  const Node *n;
  int category = 0;

  power->loc = ld_loc (ld, map);
  if (!bind_mapping (b, map, keys))
    return;
  if ((n = bind_required (b, map, "code")) != NULL)
    {
      gsize saved = bind_push_key (b, "code");
      bind_id (b, n, &power->code);
      bind_pop (b, saved);
      power->loc = ld_loc (ld, n);
    }
  if ((n = bind_required (b, map, "name")) != NULL)
    {
      gsize saved = bind_push_key (b, "name");
      bind_text (b, n, &power->name);
      bind_pop (b, saved);
    }
  if ((n = bind_required (b, map, "category")) != NULL)
    {
      gsize saved = bind_push_key (b, "category");
      if (bind_enum (b, n, power_category_names, &category))
        power->category = power_category_names[category];
      bind_pop (b, saved);
    }
  ld_bind_provenance (b, map, "provenance", NULL, &power->provenance);

  if ((n = node_lookup (map, "benchmarks")) != NULL)
    {
      gsize saved = bind_push_key (b, "benchmarks");
      int count = ld_sequence_length (b, n);
      if (count > 0)
        {
          PendingPower pending = {
            power,
            arena_new0 (ld->arena, const char *, count),
            arena_new0 (ld->arena, Loc, count),
          };
          for (guint i = 0; i < (guint) count; i++)
            {
              gsize item = bind_push_index (b, i);
              bind_id (b, n->v.items[i], &pending.ids[i]);
              pending.locs[i] = ld_loc (ld, n->v.items[i]);
              bind_pop (b, item);
            }
          power->n_benchmarks = (guint) count;
          g_array_append_val (ld->pending_powers, pending);
        }
      bind_pop (b, saved);
    }
  g_ptr_array_add (ld->powers, power);
}
