/* load-instrument.c: `kind: instrument` — a law or regulation and its
 * dated versions (docs/rule-format.md#instrument). */
#include "loader.h"

static void
bind_version (Loader *ld, Binder *b, const Node *n, InstrumentVersion *v)
{
  static const char *const keys[] = { "id", "effective_from", "effective_to", NULL };
  const Node *id;

  v->loc = ld_loc (ld, n);
  v->to = DATE_OPEN;
  if (!bind_mapping (b, n, keys))
    return;
  if ((id = bind_required (b, n, "id")) != NULL)
    {
      gsize saved = bind_push_key (b, "id");
      bind_id (b, id, &v->id);
      bind_pop (b, saved);
    }
  ld_bind_period (b, n, &v->from, &v->to);
}

void
load_instrument (Loader *ld, Binder *b, const Node *map)
{
  static const char *const keys[] = {
    "kind", "id", "title", "title_en", "level", "issuer", "versions", "provenance", NULL,
  };
  Instrument *inst = arena_new0 (ld->arena, Instrument, 1);
  const Node *n;
  int level = 0;

  inst->loc = ld_loc (ld, map);
  if (!bind_mapping (b, map, keys))
    return;
  if ((n = bind_required (b, map, "id")) != NULL)
    {
      gsize saved = bind_push_key (b, "id");
      bind_id (b, n, &inst->id);
      bind_pop (b, saved);
      inst->loc = ld_loc (ld, n);
    }
  if ((n = bind_required (b, map, "title")) != NULL)
    {
      gsize saved = bind_push_key (b, "title");
      bind_text (b, n, &inst->title);
      bind_pop (b, saved);
    }
  ld_bind_text_key (b, map, "title_en", &inst->title_en);
  if ((n = bind_required (b, map, "level")) != NULL)
    {
      gsize saved = bind_push_key (b, "level");
      if (bind_enum (b, n, instrument_level_names, &level))
        inst->level = (InstrumentLevel) level;
      bind_pop (b, saved);
    }
  ld_bind_text_key (b, map, "issuer", &inst->issuer);
  ld_bind_provenance (b, map, "provenance", NULL, &inst->provenance);

  if ((n = bind_required (b, map, "versions")) != NULL)
    {
      gsize saved = bind_push_key (b, "versions");
      int count = ld_sequence_length (b, n);
      if (count == 0)
        bind_error (b, ENFORCE_ERROR_MISSING_KEY, n, "至少需要一个版本",
                    "at least one version is required");
      if (count > 0)
        {
          inst->versions = arena_new0 (ld->arena, InstrumentVersion, count);
          inst->n_versions = (guint) count;
          for (guint i = 0; i < inst->n_versions; i++)
            {
              gsize item = bind_push_index (b, i);
              bind_version (ld, b, n->v.items[i], &inst->versions[i]);
              bind_pop (b, item);
            }
        }
      bind_pop (b, saved);
    }
  g_ptr_array_add (ld->instruments, inst);
}
