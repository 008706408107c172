// Operator dispatch: any ATen operator, called by name through the c10 dispatcher's
// boxed interface. Autograd works through it unchanged (the Autograd dispatch key runs
// first), so every op the C# side defines this way is differentiable.
#include "bridge.h"

#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/stack.h>

#include <mutex>
#include <unordered_map>

namespace {

// Argument kinds; must match Interop/ArgKind.cs.
enum ArgKind : int32_t {
  kNone = 0,
  kTensor = 1,
  kInt = 2,
  kDouble = 3,
  kBool = 4,
  kIntList = 5,
  kDoubleList = 6,
  kTensorList = 7,
  kScalarType = 8,
  kDevice = 9,
  kString = 10,
  kOptionalTensorList = 11,
  kBoolList = 12,
  kGenerator = 13,
};

// One argument, 32 bytes; layout mirrors Interop/NativeArg.cs.
struct GcArg {
  int32_t kind;
  int32_t len;    // list length; device index for kDevice
  int64_t i;      // int, bool, scalar type, device type
  double d;       // double
  const void* p;  // tensor handle, list data, string
};

// One result value; tuples and tensor lists are flattened into consecutive entries.
struct GcResult {
  int32_t kind;  // kNone, kTensor, kInt, kDouble, kBool
  int32_t pad;
  int64_t i;
  double d;
  void* p;  // TensorBox* for tensors (null when undefined)
};

struct OpEntry {
  c10::OperatorHandle handle;
  size_t num_args;
  std::string name;
};

std::mutex cache_mutex;
std::unordered_map<std::string, OpEntry*> cache;

c10::IValue to_ivalue(const GcArg& a) {
  switch (a.kind) {
    case kNone: return c10::IValue();
    case kTensor: {
      if (!a.p) throw std::invalid_argument("null tensor handle passed where a tensor is required");
      return c10::IValue(static_cast<const gc::TensorBox*>(a.p)->t);
    }
    case kInt: return c10::IValue(a.i);
    case kDouble: return c10::IValue(a.d);
    case kBool: return c10::IValue(a.i != 0);
    case kIntList: {
      auto* v = static_cast<const int64_t*>(a.p);
      return c10::IValue(std::vector<int64_t>(v, v + a.len));
    }
    case kDoubleList: {
      auto* v = static_cast<const double*>(a.p);
      return c10::IValue(std::vector<double>(v, v + a.len));
    }
    case kTensorList: {
      auto* v = static_cast<gc::TensorBox* const*>(a.p);
      c10::List<at::Tensor> list;
      list.reserve(a.len);
      for (int32_t k = 0; k < a.len; ++k) {
        if (!v[k]) throw std::invalid_argument("null tensor handle in a tensor list");
        list.push_back(v[k]->t);
      }
      return c10::IValue(list);
    }
    case kScalarType: return c10::IValue(static_cast<at::ScalarType>(a.i));
    case kDevice:
      return c10::IValue(c10::Device(static_cast<c10::DeviceType>(a.i), static_cast<c10::DeviceIndex>(a.len)));
    case kString: return c10::IValue(std::string(static_cast<const char*>(a.p)));
    case kOptionalTensorList: {
      auto* v = static_cast<gc::TensorBox* const*>(a.p);
      c10::List<c10::optional<at::Tensor>> list;
      list.reserve(a.len);
      for (int32_t k = 0; k < a.len; ++k) {
        list.push_back(v[k] ? c10::optional<at::Tensor>(v[k]->t) : c10::nullopt);
      }
      return c10::IValue(list);
    }
    case kBoolList: {
      auto* v = static_cast<const int64_t*>(a.p);
      c10::List<bool> list;
      for (int32_t k = 0; k < a.len; ++k) list.push_back(v[k] != 0);
      return c10::IValue(list);
    }
    case kGenerator: {
      if (!a.p) throw std::invalid_argument("null generator handle passed where a generator is required");
      return c10::IValue(static_cast<const gc::GeneratorBox*>(a.p)->g);
    }
    default: throw std::invalid_argument("unknown argument kind " + std::to_string(a.kind));
  }
}

// Appends one returned IValue to `out`, flattening tuples and lists. Returns false when
// `cap` is exceeded (the caller then frees what was boxed).
bool push_result(const c10::IValue& v, GcResult* out, int32_t cap, int32_t& n) {
  auto emit = [&](GcResult r) {
    if (n >= cap) return false;
    out[n++] = r;
    return true;
  };
  if (v.isTensor()) return emit({kTensor, 0, 0, 0.0, gc::box(v.toTensor())});
  if (v.isTensorList()) {
    for (const at::Tensor& t : v.toTensorVector())
      if (!emit({kTensor, 0, 0, 0.0, gc::box(t)})) return false;
    return true;
  }
  if (v.isTuple()) {
    for (const auto& e : v.toTupleRef().elements())
      if (!push_result(e, out, cap, n)) return false;
    return true;
  }
  if (v.isInt()) return emit({kInt, 0, v.toInt(), 0.0, nullptr});
  if (v.isDouble()) return emit({kDouble, 0, 0, v.toDouble(), nullptr});
  if (v.isBool()) return emit({kBool, 0, v.toBool() ? 1 : 0, 0.0, nullptr});
  if (v.isNone()) return emit({kNone, 0, 0, 0.0, nullptr});
  if (v.isIntList()) {
    for (int64_t x : v.toIntVector())
      if (!emit({kInt, 0, x, 0.0, nullptr})) return false;
    return true;
  }
  throw std::runtime_error(std::string("unsupported result type ") + v.tagKind());
}

}  // namespace

// Looks up (and caches) an operator such as ("aten::conv2d", ""). Returns an opaque
// handle that lives for the whole process, or null with an error set.
GC_API void* gc_op_find(const char* name, const char* overload) {
  GC_TRY
  std::string key = std::string(name) + "." + overload;
  std::lock_guard<std::mutex> lock(cache_mutex);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto handle = c10::Dispatcher::singleton().findSchemaOrThrow(name, overload);
  auto* entry = new OpEntry{handle, handle.schema().arguments().size(), key};
  cache.emplace(key, entry);
  return entry;
  GC_CATCH(nullptr)
}

// The operator's schema as text, e.g. "aten::mm(Tensor self, Tensor mat2) -> Tensor".
GC_API int32_t gc_op_schema(void* op, char* out, int32_t cap) {
  GC_TRY
  std::stringstream ss;
  ss << static_cast<OpEntry*>(op)->handle.schema();
  std::string s = ss.str();
  int32_t n = static_cast<int32_t>(std::min<size_t>(s.size(), cap > 0 ? cap - 1 : 0));
  if (cap > 0) {
    std::memcpy(out, s.data(), n);
    out[n] = 0;
  }
  return static_cast<int32_t>(s.size());
  GC_CATCH(-1)
}

// Calls the operator with `nargs` arguments (all of them, defaults included, in schema
// order). Writes up to `cap` results and returns how many, or -1 with an error set.
GC_API int32_t gc_op_call(void* op, const GcArg* args, int32_t nargs, GcResult* results, int32_t cap) {
  auto* entry = static_cast<OpEntry*>(op);
  int32_t n = 0;
  try {
    if (static_cast<size_t>(nargs) != entry->num_args) {
      std::stringstream ss;
      ss << "expected " << entry->num_args << " arguments but got " << nargs << "; schema: " << entry->handle.schema();
      throw std::invalid_argument(ss.str());
    }
    // Reused per thread: the boxed path's only allocation is then the IValues themselves.
    static thread_local torch::jit::Stack stack;
    stack.clear();
    stack.reserve(nargs);
    for (int32_t k = 0; k < nargs; ++k) stack.push_back(to_ivalue(args[k]));
    entry->handle.callBoxed(stack);
    if (stack.size() == 1 && stack[0].isTensor() && cap >= 1) {
      // The common case, one tensor: move it into its box (no reference-count round trip).
      results[0] = {kTensor, 0, 0, 0.0, gc::box(std::move(stack[0]).toTensor())};
      n = 1;
    } else {
      for (const auto& v : stack) {
        if (!push_result(v, results, cap, n)) {
          throw std::length_error("operator returned more than " + std::to_string(cap) + " values");
        }
      }
    }
    stack.clear();
    return n;
  } catch (const std::exception& e) {
    for (int32_t k = 0; k < n; ++k)
      if (results[k].kind == kTensor) delete static_cast<gc::TensorBox*>(results[k].p);
    gc::set_error_from(e);
    return -1;
  } catch (...) {
    for (int32_t k = 0; k < n; ++k)
      if (results[k].kind == kTensor) delete static_cast<gc::TensorBox*>(results[k].p);
    gc::set_error("unknown native error (non-standard C++ exception)");
    return -1;
  }
}
