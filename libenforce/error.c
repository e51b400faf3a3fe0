/* error.c: the error domain, stable code names and their descriptions.
 *
 * One table holds every code with its name and its zh-CN and en one-line
 * descriptions, so a code cannot gain a name without descriptions.
 * tests/test-error-codes.c checks the table against the enum in
 * include/enforce/enforce-error.h and against docs/error-codes.md.
 */
#include <enforce/enforce-error.h>

#include "diag.h"

/* G_DEFINE_QUARK's cache is a plain static, which threads asking for the
 * domain for the first time at once write together (a race ThreadSanitizer
 * reports); g_quark_from_static_string() is thread-safe and gives them all
 * the same quark, so the cache only needs atomic access. */
GQuark
enforce_error_quark (void)
{
  static gint quark;

  GQuark q = (GQuark) g_atomic_int_get (&quark);
  if (G_UNLIKELY (q == 0))
    {
      q = g_quark_from_static_string ("enforce-error-quark");
      g_atomic_int_set (&quark, (gint) q);
    }
  return q;
}

typedef struct {
  EnforceErrorCode code;
  const char *name;
  const char *zh;
  const char *en;
} CodeInfo;

static const CodeInfo codes[] = {
  { ENFORCE_ERROR_FAILED, "failed", "内部错误", "internal error" },
  { ENFORCE_ERROR_IO, "io", "无法读取文件", "file cannot be read" },

  { ENFORCE_ERROR_YAML_SYNTAX, "yaml_syntax", "YAML 语法错误", "YAML syntax error" },
  { ENFORCE_ERROR_JSON_SYNTAX, "json_syntax", "JSON 语法错误", "JSON syntax error" },
  { ENFORCE_ERROR_ENCODING, "encoding",
    "编码错误（非法 UTF-8、BOM、NUL 或控制字符）",
    "invalid encoding (bad UTF-8, BOM, NUL or control character)" },

  { ENFORCE_ERROR_LIMIT_BYTES, "limit_bytes", "输入超过字节数上限", "input exceeds the byte limit" },
  { ENFORCE_ERROR_LIMIT_DEPTH, "limit_depth", "嵌套层数超过上限", "nesting exceeds the depth limit" },
  { ENFORCE_ERROR_LIMIT_SCALAR, "limit_scalar", "标量长度超过上限", "scalar exceeds the length limit" },
  { ENFORCE_ERROR_LIMIT_NODES, "limit_nodes", "节点数超过上限", "document exceeds the node limit" },
  { ENFORCE_ERROR_LIMIT_KEYS, "limit_keys", "映射的键数超过上限", "mapping exceeds the key limit" },
  { ENFORCE_ERROR_LIMIT_ITEMS, "limit_items", "序列的项数超过上限", "sequence exceeds the item limit" },
  { ENFORCE_ERROR_LIMIT_FILES, "limit_files", "规则文件数超过上限", "rule set exceeds the file limit" },

  { ENFORCE_ERROR_ALIAS, "alias", "不允许使用锚点或别名", "anchors and aliases are not allowed" },
  { ENFORCE_ERROR_TAG, "tag", "不允许使用显式标签", "explicit tags are not allowed" },
  { ENFORCE_ERROR_MERGE_KEY, "merge_key", "不允许使用合并键（<<）", "merge keys (<<) are not allowed" },
  { ENFORCE_ERROR_MULTI_DOCUMENT, "multi_document", "一个文件只能包含一个文档",
    "a file must hold exactly one document" },
  { ENFORCE_ERROR_ROOT_NOT_MAPPING, "root_not_mapping", "文档根节点必须是映射",
    "the document root must be a mapping" },

  { ENFORCE_ERROR_DUPLICATE_KEY, "duplicate_key", "重复的键", "duplicate key" },
  { ENFORCE_ERROR_UNKNOWN_KEY, "unknown_key", "未知的键", "unknown key" },
  { ENFORCE_ERROR_MISSING_KEY, "missing_key", "缺少必需的键", "required key missing" },
  { ENFORCE_ERROR_WRONG_TYPE, "wrong_type", "节点类型错误（应为映射、序列或标量）",
    "wrong node type (mapping, sequence or scalar expected)" },
  { ENFORCE_ERROR_INVALID_VALUE, "invalid_value", "取值无效", "invalid value" },
  { ENFORCE_ERROR_INVALID_MONEY, "invalid_money", "金额格式无效", "invalid amount of money" },
  { ENFORCE_ERROR_INVALID_DATE, "invalid_date", "日期无效", "invalid date" },
  { ENFORCE_ERROR_INVALID_CONDITION, "invalid_condition", "条件表达式无效", "invalid condition" },
  { ENFORCE_ERROR_UNKNOWN_KIND, "unknown_kind", "未知的文档类型（kind）", "unknown document kind" },

  { ENFORCE_ERROR_DUPLICATE_ID, "duplicate_id", "标识重复", "duplicate identifier" },
  { ENFORCE_ERROR_UNKNOWN_REFERENCE, "unknown_reference", "引用的对象不存在",
    "reference to an unknown object" },
  { ENFORCE_ERROR_UNDECLARED_FACT, "undeclared_fact", "条件引用了未声明的事实",
    "condition reads an undeclared fact" },
  { ENFORCE_ERROR_TYPE_MISMATCH, "type_mismatch", "类型不匹配", "type mismatch" },
  { ENFORCE_ERROR_TIER_OUT_OF_RANGE, "tier_out_of_range", "阶次罚款超出法定幅度",
    "tier fine outside the statutory range" },
  { ENFORCE_ERROR_VERSION_OVERLAP, "version_overlap", "版本有效期重叠", "version periods overlap" },
  { ENFORCE_ERROR_VERSION_GAP, "version_gap", "版本有效期之间有空档", "gap between version periods" },
  { ENFORCE_ERROR_TIER_UNREACHABLE, "tier_unreachable", "阶次永远不会被选中",
    "tier can never be selected" },
  { ENFORCE_ERROR_RULES_INVALID, "rules_invalid", "规则集有错误，未能加载",
    "rule set has errors and was not loaded" },
  { ENFORCE_ERROR_PARENT_CYCLE, "parent_cycle", "上级辖区形成循环", "jurisdiction parents form a cycle" },
  { ENFORCE_ERROR_RESERVED_NAME, "reserved_name", "事实名称与内置情节重名",
    "fact named like a built-in circumstance" },

  { ENFORCE_ERROR_INVALID_CASE, "invalid_case", "案件数据无效", "invalid case" },
  { ENFORCE_ERROR_UNKNOWN_BENCHMARK, "unknown_benchmark", "未知的裁量基准", "unknown benchmark" },
  { ENFORCE_ERROR_UNKNOWN_FACTOR, "unknown_factor", "未知的裁量情节", "unknown factor" },
  { ENFORCE_ERROR_UNKNOWN_FACT, "unknown_fact", "基准未声明该事实", "fact not declared by the benchmark" },
  { ENFORCE_ERROR_FACT_TYPE, "fact_type", "事实值与声明的类型不符",
    "fact value does not match its declared type" },

  { ENFORCE_ERROR_OVERFLOW, "overflow", "数值溢出", "arithmetic overflow" },
};

static const CodeInfo *
find_code (EnforceErrorCode code)
{
  /* A linear scan of ~45 entries: cheaper to keep right than a sparse array
   * indexed by code values that are only ever appended. */
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i].code == code)
      return &codes[i];
  return NULL;
}

const char *
enforce_error_code_name (EnforceErrorCode code)
{
  const CodeInfo *info = find_code (code);
  return info ? info->name : "unknown";
}

const char *
error_code_description (EnforceErrorCode code, EnforceLang lang)
{
  const CodeInfo *info = find_code (code);
  if (lang == ENFORCE_LANG_EN)
    return info ? info->en : "unknown error";
  return info ? info->zh : "未知错误";
}
