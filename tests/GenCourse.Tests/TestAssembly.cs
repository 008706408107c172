// Many tests seed libtorch's one global generator (torch.manual_seed) and then check what a
// model learns from that start. Test classes running side by side would draw from the same
// generator in between, so a seeded test would start from a different model on each run; a
// conv autoencoder test failed that way once. They run one at a time (two cores anyway).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
