// Tensors, autograd and runtime settings: everything except operator dispatch.
#include "bridge.h"

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/cuda.h>
#include <torch/utils.h>

#include <cstring>
#include <mutex>
#include <vector>

namespace gc {

std::atomic<int64_t> live_tensors{0};

TensorBox::TensorBox(at::Tensor v) : t(std::move(v)) { live_tensors.fetch_add(1, std::memory_order_relaxed); }
TensorBox::~TensorBox() { live_tensors.fetch_sub(1, std::memory_order_relaxed); }

TensorBox* box(at::Tensor t) {
  if (!t.defined()) return nullptr;
  return new TensorBox(std::move(t));
}

// The error slot: a std::string per thread, so nothing is strdup'ed and leaked.
static thread_local std::string last_error;
static thread_local bool has_error = false;

void set_error(const std::string& msg) {
  last_error = msg;
  has_error = true;
}

// c10::Error carries a C++ backtrace after the message; keep only what a learner reads.
void set_error_from(const std::exception& e) {
  if (auto* ce = dynamic_cast<const c10::Error*>(&e)) {
    set_error(ce->what_without_backtrace());
  } else {
    set_error(e.what());
  }
}

static std::vector<int64_t> to_vec(const int64_t* p, int32_t n) { return std::vector<int64_t>(p, p + n); }

}  // namespace gc

using gc::TensorBox;

// ---- errors ---------------------------------------------------------------------------

// Returns the last error on this thread (valid until the next failing call on it) and
// clears it; nullptr when there is none.
GC_API const char* gc_last_error() {
  if (!gc::has_error) return nullptr;
  gc::has_error = false;
  return gc::last_error.c_str();
}

// ---- life cycle -----------------------------------------------------------------------

GC_API void gc_tensor_free(TensorBox* h) { delete h; }

GC_API int64_t gc_live_tensors() { return gc::live_tensors.load(); }

// A second handle to the same tensor (shares storage and autograd identity).
GC_API TensorBox* gc_tensor_alias(TensorBox* h) {
  GC_TRY
  return new TensorBox(h->t);
  GC_CATCH(nullptr)
}

// ---- creation and copy ----------------------------------------------------------------

// Copies `data` (C-contiguous, dtype `scalarType`) into a new CPU tensor of `shape`.
GC_API TensorBox* gc_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t scalarType) {
  GC_TRY
  auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(scalarType));
  auto sizes = gc::to_vec(shape, ndim);
  at::Tensor t = at::empty(sizes, options);
  if (t.numel() > 0) std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
  return gc::box(std::move(t));
  GC_CATCH(nullptr)
}

// Copies the tensor's values (converted to `scalarType`, moved to CPU, made contiguous)
// into `dest`, which holds `capacity` bytes. Returns the number of bytes written.
GC_API int64_t gc_tensor_copy_out(TensorBox* h, int32_t scalarType, void* dest, int64_t capacity) {
  GC_TRY
  at::NoGradGuard no_grad;
  at::Tensor src = h->t.detach().to(at::kCPU, static_cast<at::ScalarType>(scalarType)).contiguous();
  int64_t bytes = src.numel() * src.element_size();
  if (bytes > capacity) {
    gc::set_error("destination buffer too small: need " + std::to_string(bytes) + " bytes, have " + std::to_string(capacity));
    return -1;
  }
  if (bytes > 0) std::memcpy(dest, src.data_ptr(), bytes);
  return bytes;
  GC_CATCH(-1)
}

// ---- queries --------------------------------------------------------------------------

GC_API int32_t gc_tensor_ndim(TensorBox* h) {
  GC_TRY
  return static_cast<int32_t>(h->t.dim());
  GC_CATCH(-1)
}

// Writes up to `cap` sizes into `out`; returns the number of dimensions.
GC_API int32_t gc_tensor_shape(TensorBox* h, int64_t* out, int32_t cap) {
  GC_TRY
  auto s = h->t.sizes();
  for (int32_t i = 0; i < static_cast<int32_t>(s.size()) && i < cap; ++i) out[i] = s[i];
  return static_cast<int32_t>(s.size());
  GC_CATCH(-1)
}

GC_API int64_t gc_tensor_numel(TensorBox* h) {
  GC_TRY
  return h->t.numel();
  GC_CATCH(-1)
}

GC_API int32_t gc_tensor_dtype(TensorBox* h) {
  GC_TRY
  return static_cast<int32_t>(h->t.scalar_type());
  GC_CATCH(-1)
}

// Device as (type, index): type 0 = CPU, 1 = CUDA (c10::DeviceType values).
GC_API int32_t gc_tensor_device(TensorBox* h, int32_t* index) {
  GC_TRY
  auto d = h->t.device();
  *index = d.has_index() ? d.index() : -1;
  return static_cast<int32_t>(d.type());
  GC_CATCH(-1)
}

GC_API int32_t gc_tensor_requires_grad(TensorBox* h) {
  GC_TRY
  return h->t.requires_grad() ? 1 : 0;
  GC_CATCH(-1)
}

GC_API int32_t gc_tensor_set_requires_grad(TensorBox* h, int32_t value) {
  GC_TRY
  h->t.set_requires_grad(value != 0);
  return 0;
  GC_CATCH(-1)
}

GC_API int32_t gc_tensor_is_leaf(TensorBox* h) {
  GC_TRY
  return h->t.is_leaf() ? 1 : 0;
  GC_CATCH(-1)
}

// ---- autograd -------------------------------------------------------------------------

// tensor.backward(gradient, retain_graph, create_graph); `grad` may be null for a scalar.
GC_API int32_t gc_backward(TensorBox* h, TensorBox* grad, int32_t retainGraph, int32_t createGraph) {
  GC_TRY
  at::Tensor g = grad ? grad->t : at::Tensor();
  h->t.backward(g, retainGraph != 0, createGraph != 0);
  return 0;
  GC_CATCH(-1)
}

// torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph,
// allow_unused). `gradOutputs` may be null or hold nulls. Unused inputs give null handles.
GC_API int32_t gc_autograd_grad(TensorBox** outputs, int32_t nOut, TensorBox** inputs, int32_t nIn,
                                TensorBox** gradOutputs, int32_t retainGraph, int32_t createGraph,
                                int32_t allowUnused, TensorBox** result) {
  GC_TRY
  std::vector<at::Tensor> outs, ins, gouts;
  for (int32_t i = 0; i < nOut; ++i) outs.push_back(outputs[i]->t);
  for (int32_t i = 0; i < nIn; ++i) ins.push_back(inputs[i]->t);
  for (int32_t i = 0; i < nOut; ++i) gouts.push_back(gradOutputs && gradOutputs[i] ? gradOutputs[i]->t : at::Tensor());
  auto grads = torch::autograd::grad(outs, ins, gouts, retainGraph != 0, createGraph != 0, allowUnused != 0);
  for (int32_t i = 0; i < nIn; ++i) result[i] = gc::box(grads[i]);
  return 0;
  GC_CATCH(-1)
}

// The .grad of a tensor, or null when it has none.
GC_API TensorBox* gc_tensor_grad(TensorBox* h) {
  GC_TRY
  return gc::box(h->t.grad());
  GC_CATCH(nullptr)
}

// Sets .grad (null clears it). The gradient must match the tensor, as PyTorch's setter
// checks: libtorch's mutable_grad() takes anything, and a mismatch would only fail (or
// broadcast silently) at the next backward.
GC_API int32_t gc_tensor_set_grad(TensorBox* h, TensorBox* grad) {
  GC_TRY
  if (grad) {
    const at::Tensor& g = grad->t;
    const at::Tensor& v = h->t;
    TORCH_CHECK(g.sizes() == v.sizes(), "assigned grad has data of a different size: grad ", g.sizes(), " for a tensor of shape ", v.sizes());
    TORCH_CHECK(g.scalar_type() == v.scalar_type(), "assigned grad has data of a different type: grad ", g.scalar_type(), " for a tensor of ", v.scalar_type());
    TORCH_CHECK(g.device() == v.device(), "assigned grad has data located on a different device: grad on ", g.device(), " for a tensor on ", v.device());
    h->t.mutable_grad() = g;
  } else {
    h->t.mutable_grad().reset();
  }
  return 0;
  GC_CATCH(-1)
}

GC_API int32_t gc_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// Grad mode is thread local, as in PyTorch.
GC_API void gc_set_grad_enabled(int32_t enabled) { at::GradMode::set_enabled(enabled != 0); }

// ---- runtime --------------------------------------------------------------------------

// Seeds the CPU generator and every CUDA generator (torch::manual_seed does both).
GC_API int32_t gc_manual_seed(uint64_t seed) {
  GC_TRY
  torch::manual_seed(seed);
  return 0;
  GC_CATCH(-1)
}

GC_API int32_t gc_get_num_threads() { return at::get_num_threads(); }

GC_API int32_t gc_set_num_threads(int32_t n) {
  GC_TRY
  at::set_num_threads(n);
  return 0;
  GC_CATCH(-1)
}

GC_API int32_t gc_cuda_is_available() {
  GC_TRY
  return torch::cuda::is_available() ? 1 : 0;
  GC_CATCH(0)
}

GC_API int32_t gc_cuda_device_count() {
  GC_TRY
  return static_cast<int32_t>(torch::cuda::device_count());
  GC_CATCH(0)
}

GC_API int32_t gc_cuda_synchronize(int32_t device) {
  GC_TRY
  torch::cuda::synchronize(device);
  return 0;
  GC_CATCH(-1)
}

GC_API const char* gc_torch_version() { return GC_TORCH_VERSION; }
GC_API const char* gc_torch_dir() { return GC_TORCH_DIR; }

// at::get_parallel_info() names the threading back end, OpenMP version and MKL/MKL-DNN.
GC_API int32_t gc_parallel_info(char* out, int32_t cap) {
  GC_TRY
  std::string s = at::get_parallel_info();
  int32_t n = static_cast<int32_t>(std::min<size_t>(s.size(), cap > 0 ? cap - 1 : 0));
  if (cap > 0) {
    std::memcpy(out, s.data(), n);
    out[n] = 0;
  }
  return static_cast<int32_t>(s.size());
  GC_CATCH(-1)
}

// ---- generators -----------------------------------------------------------------------

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/detail/CUDAHooksInterface.h>

// A new generator on `deviceType` (0 CPU, 1 CUDA) seeded with `seed`.
GC_API gc::GeneratorBox* gc_generator_new(uint64_t seed, int32_t deviceType, int32_t deviceIndex) {
  GC_TRY
  at::Generator g;
  if (deviceType == 0) {
    g = at::detail::createCPUGenerator(seed);
  } else {
    // The CUDA generator lives behind the CUDA hooks (absent in CPU builds). Context::defaultGenerator
    // is the one spelling that libtorch 1.13 and 2.x share (2.x renamed the hooks' own getter).
    if (!at::detail::getCUDAHooks().hasCUDA()) throw std::runtime_error("a CUDA generator was requested but CUDA is not available");
    g = at::globalContext().defaultGenerator(c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(deviceIndex < 0 ? 0 : deviceIndex))).clone();
    std::lock_guard<std::mutex> lock(g.mutex());
    g.set_current_seed(seed);
  }
  return new gc::GeneratorBox{std::move(g)};
  GC_CATCH(nullptr)
}

GC_API void gc_generator_free(gc::GeneratorBox* g) { delete g; }

GC_API int32_t gc_generator_seed(gc::GeneratorBox* g, uint64_t seed) {
  GC_TRY
  std::lock_guard<std::mutex> lock(g->g.mutex());
  g->g.set_current_seed(seed);
  return 0;
  GC_CATCH(-1)
}
