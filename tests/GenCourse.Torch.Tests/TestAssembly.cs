// Tests draw random inputs from libtorch's one global generator and some count live tensors;
// classes running side by side would interleave both. Tests run one at a time (this suite takes
// seconds), and each starts from a seed derived from its own name (SeedEachTest).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: GenCourse.Testing.SeedEachTest]
