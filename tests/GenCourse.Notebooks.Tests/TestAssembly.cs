// The runner routes the process-wide Console and sets the working directory during a run,
// so notebook tests run one at a time (the machines have two cores anyway). Each starts from a
// seed derived from its own name (SeedEachTest), as in the other test projects.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: GenCourse.Testing.SeedEachTest]
