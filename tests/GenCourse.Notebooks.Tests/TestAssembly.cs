// The runner routes the process-wide Console and sets the working directory during a run,
// so notebook tests run one at a time (the machines have two cores anyway).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
