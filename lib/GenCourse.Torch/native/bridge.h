// GenCourse bridge: shared declarations for the extern "C" surface over libtorch.
// Rules (ARCHITECTURE.md): only extern "C" functions cross the boundary; every one
// catches every exception into a thread-local error slot and returns -1 or nullptr.
#pragma once

#include <ATen/ATen.h>
#include <atomic>
#include <cstdint>
#include <string>

#define GC_API extern "C" __attribute__((visibility("default")))

namespace gc {

// One heap object per handle the C# side owns; freed exactly once by gc_tensor_free.
struct TensorBox {
  at::Tensor t;
  explicit TensorBox(at::Tensor v);
  ~TensorBox();
};

extern std::atomic<int64_t> live_tensors;

// A random-number generator the C# side owns (torch.Generator).
struct GeneratorBox {
  at::Generator g;
};

// Wraps a tensor for the C# side; an undefined tensor becomes a null handle.
TensorBox* box(at::Tensor t);

void set_error(const std::string& msg);
void set_error_from(const std::exception& e);

}  // namespace gc

// Every exported function body goes through one of these, so no exception crosses.
#define GC_TRY try {
#define GC_CATCH(failValue)                                   \
  }                                                           \
  catch (const std::exception& e) {                           \
    gc::set_error_from(e);                                    \
    return failValue;                                         \
  }                                                           \
  catch (...) {                                               \
    gc::set_error("unknown native error (non-standard C++ exception)"); \
    return failValue;                                         \
  }
