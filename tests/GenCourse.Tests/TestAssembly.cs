// Many tests check what a model learns from its default initialisation, drawn from libtorch's one
// global generator. Test classes running side by side would draw from it in between, so a test
// would start from different weights on each run (a conv autoencoder test and a conv VAE test
// each failed that way once). Tests run one at a time (two cores anyway), and each starts from
// a seed derived from its own name (SeedEachTest), whatever ran before it.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: GenCourse.Testing.SeedEachTest]
