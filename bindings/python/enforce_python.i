/* enforce_python.i: the Python module; SWIG runs on this file.
 *
 * Only what is Python-specific: str/bytes in, str out, GError raised as
 * enforce.Error (defined in the hand-written enforce/_errors.py), IndexError
 * for indexes, TypeError/ValueError for arguments C cannot represent.  The
 * GIL is released around every call into C (threads="1" on %module), so
 * loads, recommendations and batches of several Python threads run in
 * parallel.  The user-facing classes are in enforce/__init__.py.
 */

/* enforce/native.py and enforce/_native.<soabi>.so, inside the hand-written
 * package; native.py imports _native relative to its package. */
%module(threads="1") native

%{
#include <enforce/enforce.h>

/* Defined in enforce.i's support code, which follows. */
static const char *binding_error_code_name (const GError *error);
static gboolean binding_error_is_index (const GError *error);

/* The exception class lives in pure Python so users can subclass, pickle
 * and document it like any other; it is looked up once, under the GIL. */
static PyObject *binding_error_class;

static void
binding_python_raise (const GError *error)
{
  PyObject *exc;

  if (binding_error_is_index (error))
    {
      PyErr_SetString (PyExc_IndexError, error->message);
      return;
    }
  if (binding_error_class == NULL)
    {
      PyObject *module = PyImport_ImportModule ("enforce._errors");

      if (module == NULL)
        return;
      binding_error_class = PyObject_GetAttrString (module, "Error");
      Py_DECREF (module);
      if (binding_error_class == NULL)
        return;
    }
  exc = PyObject_CallFunction (binding_error_class, "ss", binding_error_code_name (error),
                               error->message);
  if (exc == NULL)
    return;
  PyErr_SetObject ((PyObject *) Py_TYPE (exc), exc);
  Py_DECREF (exc);
}

/* UTF-8 of a str that C will read as a NUL-terminated string.  Embedded NULs
 * would silently cut a path or a date short, so they are refused like
 * open() refuses them. */
static int
binding_python_text (PyObject *obj, const char **out)
{
  Py_ssize_t n;
  const char *s;

  if (obj == Py_None)
    {
      *out = NULL;
      return 0;
    }
  if (!PyUnicode_Check (obj))
    {
      PyErr_Format (PyExc_TypeError, "expected str or None, not %.100s", Py_TYPE (obj)->tp_name);
      return -1;
    }
  s = PyUnicode_AsUTF8AndSize (obj, &n);
  if (s == NULL)
    return -1;
  if (strlen (s) != (size_t) n)
    {
      PyErr_SetString (PyExc_ValueError, "embedded null character");
      return -1;
    }
  *out = s;
  return 0;
}

/* A document as bytes: str (encoded as UTF-8) or bytes, with its length, so
 * a NUL inside reaches the library's reader, which refuses it with a code. */
static int
binding_python_data (PyObject *obj, const char **out, size_t *len)
{
  Py_ssize_t n;
  char *b;

  if (PyUnicode_Check (obj))
    {
      *out = PyUnicode_AsUTF8AndSize (obj, &n);
      if (*out == NULL)
        return -1;
    }
  else if (PyBytes_Check (obj))
    {
      if (PyBytes_AsStringAndSize (obj, &b, &n) < 0)
        return -1;
      *out = b;
    }
  else
    {
      PyErr_Format (PyExc_TypeError, "expected str or bytes, not %.100s", Py_TYPE (obj)->tp_name);
      return -1;
    }
  *len = (size_t) n;
  return 0;
}
%}

/* Set GError -> exception.  The result object built so far is dropped. */
%typemap(argout) GError **error {
  if (tmp_error$argnum != NULL)
    {
      binding_python_raise (tmp_error$argnum);
      g_error_free (tmp_error$argnum);
      Py_XDECREF ($result);
      $result = NULL;
      SWIG_fail;
    }
}

%typemap(in) binding_text {
  if (binding_python_text ($input, &$1) < 0)
    SWIG_fail;
}
%typemap(typecheck, precedence=SWIG_TYPECHECK_STRING) binding_text {
  $1 = $input == Py_None || PyUnicode_Check ($input);
}

%typemap(in) (const char *data, size_t len) (const char *tmp_data = NULL) {
  if (binding_python_data ($input, &tmp_data, &$2) < 0)
    SWIG_fail;
  $1 = ($1_ltype) tmp_data;
}

/* Bytes in: exactly the bytes given (str is encoded as UTF-8). */
%apply (const char *data, size_t len) { (const char *bytes, size_t len) };

%typemap(out) binding_bytes {
  if ($1.data == NULL)
    $result = SWIG_Py_Void ();
  else
    {
      $result = PyBytes_FromStringAndSize ($1.data, (Py_ssize_t) $1.len);
      g_free ($1.data);
      if ($result == NULL)
        SWIG_fail;
    }
}

%typemap(out) binding_utf8 {
  if ($1 == NULL)
    $result = SWIG_Py_Void ();
  else
    {
      $result = PyUnicode_DecodeUTF8 ($1, (Py_ssize_t) strlen ($1), "strict");
      g_free ($1);
      if ($result == NULL)
        SWIG_fail;
    }
}

/* "set" would shadow the builtin inside the generated module. */
%rename(get_limit) Limits::get;
%rename(set_limit) Limits::set;

/* A Case argument is required; None would otherwise reach C as NULL. */
%typemap(check) struct Case *kase {
  if ($1 == NULL)
    {
      PyErr_SetString (PyExc_TypeError, "a Case is required, not None");
      SWIG_fail;
    }
}

%include "enforce.i"
