#!/usr/bin/python3
"""The PyTorch side of `gencourse bench engine`.

Runs the same workloads as bench/GenCourse.Bench/Engine/*Case.cs, written the way a PyTorch user
writes them, on Debian's python3-torch (libtorch 1.13 with OpenBLAS; the C# side runs TorchSharp's
libtorch 2.10 with MKL). The C# bench launches this script with the thread count it gives its own
worker: OMP_NUM_THREADS=N and MKL_NUM_THREADS=N in the environment (libgomp and OpenBLAS read them
when they load) and torch.set_num_threads(N) here, plus OMP_WAIT_POLICY=PASSIVE, which this side
runs fastest with (OpenBLAS's threads fight spinning OpenMP threads; see bench/README.md).

Output, one line per case (parsed by EngineSuite.cs):
    <case> check=<number> ms=<t1>,<t2>,...
`check` is a value both sides reproduce up to rounding (same seed, same ops, same order of random
draws), so the two sides provably run the same math; `ms` are the timed repetitions.
`--info` prints torch=<version>, blas=<BLAS_INFO from torch.__config__.show()> and
blas_lib=<the BLAS library mapped into this process> instead.
"""

import argparse
import gzip
import math
import os
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 0


def uniform_fan_in(*shape, fan_in):
    """PyTorch's default Linear/Conv init: U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    bound = 1.0 / math.sqrt(fan_in)
    return torch.empty(*shape).uniform_(-bound, bound).requires_grad_()


def per_op(warmup, reps):
    """100k small elementwise ops: 50k iterations of y = x + y; y = y * h on 16 floats."""
    torch.manual_seed(SEED)
    x = torch.rand(16)
    h = torch.full((16,), 0.5)
    times = []
    y = None
    for r in range(warmup + reps):
        y = torch.zeros(16)
        start = time.perf_counter()
        for _ in range(50_000):
            y = x + y
            y = y * h
        elapsed = time.perf_counter() - start
        if r >= warmup:
            times.append(elapsed * 1e3)
    return y.sum().item(), times


def train_steps(params, loss_fn, warmup, reps):
    """Times single training steps: zero_grad, forward, backward, Adam."""
    opt = torch.optim.Adam(params, lr=1e-3, foreach=False)
    times = []
    loss = 0.0
    for r in range(warmup + reps):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        out = loss_fn()
        out.backward()
        opt.step()
        loss = out.item()
        elapsed = time.perf_counter() - start
        if r >= warmup:
            times.append(elapsed * 1e3)
    return loss, times


def mlp_step(warmup, reps):
    """784-512-784 MLP, ReLU, BCE-with-logits reconstruction, batch 128."""
    torch.manual_seed(SEED)
    w1 = uniform_fan_in(512, 784, fan_in=784)
    b1 = uniform_fan_in(512, fan_in=784)
    w2 = uniform_fan_in(784, 512, fan_in=512)
    b2 = uniform_fan_in(784, fan_in=512)
    x = torch.rand(128, 784)

    def loss_fn():
        h = F.relu(F.linear(x, w1, b1))
        return F.binary_cross_entropy_with_logits(F.linear(h, w2, b2), x)

    return train_steps([w1, b1, w2, b2], loss_fn, warmup, reps)


def conv_step(warmup, reps):
    """conv(1→32)+relu+pool, conv(32→64)+relu+pool, linear(3136→10), cross-entropy; batch 128."""
    torch.manual_seed(SEED)
    c1w = uniform_fan_in(32, 1, 3, 3, fan_in=9)
    c1b = uniform_fan_in(32, fan_in=9)
    c2w = uniform_fan_in(64, 32, 3, 3, fan_in=288)
    c2b = uniform_fan_in(64, fan_in=288)
    fcw = uniform_fan_in(10, 64 * 7 * 7, fan_in=64 * 7 * 7)
    fcb = uniform_fan_in(10, fan_in=64 * 7 * 7)
    x = torch.rand(128, 1, 28, 28)
    target = torch.randint(0, 10, (128,))

    def loss_fn():
        a = F.max_pool2d(F.relu(F.conv2d(x, c1w, c1b, padding=1)), 2)  # [128, 32, 14, 14]
        a = F.max_pool2d(F.relu(F.conv2d(a, c2w, c2b, padding=1)), 2)  # [128, 64, 7, 7]
        return F.cross_entropy(F.linear(a.flatten(1), fcw, fcb), target)

    return train_steps([c1w, c1b, c2w, c2b, fcw, fcb], loss_fn, warmup, reps)


MASK64 = (1 << 64) - 1


def epoch_seed(seed, epoch):
    """The C# DataLoader's per-epoch shuffle seed (SplitMix64's finaliser of seed + φ·(epoch+1))."""
    z = (seed + 0x9E3779B97F4A7C15 * (epoch + 1)) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def read_idx(path, header, shape):
    """An IDX file's payload as a uint8 tensor of the given shape; PATH.gz when only that exists
    (as the C# loader reads it: the GPU package carries MNIST gzipped)."""
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            data = bytearray(f.read())
    else:
        with open(path, "rb") as f:
            data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.uint8, offset=header).view(*shape)


def load_mnist_train(folder):
    """MNIST train: images [60000, 1, 28, 28] float32 in [0, 1], labels [60000] int64."""
    images = read_idx(os.path.join(folder, "train-images-idx3-ubyte"), 16, (60000, 1, 28, 28))
    labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte"), 8, (60000,))
    return images.to(torch.float32).div_(255.0), labels.to(torch.int64)


class Vae(torch.nn.Module):
    """pytorch/examples' MNIST VAE: 784-400-20 encoder, 20-400-784 decoder, Bernoulli logits."""

    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, 400)
        self.fc21 = torch.nn.Linear(400, 20)
        self.fc22 = torch.nn.Linear(400, 20)
        self.fc3 = torch.nn.Linear(20, 400)
        self.fc4 = torch.nn.Linear(400, 784)

    def forward(self, x):
        h = F.relu(self.fc1(x.flatten(1)))
        mu, logvar = self.fc21(h), self.fc22(h).clamp(-30, 20)
        z = mu + (logvar * 0.5).exp() * torch.randn_like(mu)
        logits = self.fc4(F.relu(self.fc3(z))).view(-1, 1, 28, 28)
        return logits, mu, logvar


def vae_loss(logits, x, mu, logvar):
    """-ELBO per image: sum of BCE over pixels + KL(N(mu, sigma^2) || N(0, I)), batch mean."""
    rec = F.binary_cross_entropy_with_logits(logits, x, reduction="none").flatten(1).sum(1).mean()
    kl = ((mu.square() + logvar.exp() - 1.0 - logvar).sum(-1) * 0.5).mean()
    return rec + kl


def vae_epoch(warmup, reps, data_dir):
    """One epoch over MNIST train (loading the files included), batch 128, Adam lr 1e-3."""
    torch.manual_seed(SEED)
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=False)
    times = []
    mean_loss = 0.0
    for epoch in range(warmup + reps):
        start = time.perf_counter()
        images, _labels = load_mnist_train(data_dir)
        n = images.size(0)
        g = torch.Generator()
        g.manual_seed(epoch_seed(0, epoch))
        order = torch.randperm(n, generator=g)
        total = 0.0
        for idx in order.split(128):
            x = images.index_select(0, idx)
            opt.zero_grad(set_to_none=True)
            logits, mu, logvar = model(x)
            loss = vae_loss(logits, x, mu, logvar)
            loss.backward()
            opt.step()
            total += loss.item() * x.size(0)
        mean_loss = total / n
        elapsed = time.perf_counter() - start
        if epoch >= warmup:
            times.append(elapsed * 1e3)
    return mean_loss, times


class Generator(nn.Module):
    """DCGAN generator at 28x28 (lib/GenCourse/Gan/DcganGenerator.cs): z [B, nz] -> [B, C, 28, 28]."""

    def __init__(self, nz=100, c=64, channels=1):
        super().__init__()
        self.nz = nz
        self.net = nn.Sequential(
            nn.ConvTranspose2d(nz, 4 * c, 7, 1, 0, bias=False),  # [B, 4c, 7, 7]
            nn.BatchNorm2d(4 * c),
            nn.ReLU(),
            nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1, bias=False),  # [B, 2c, 14, 14]
            nn.BatchNorm2d(2 * c),
            nn.ReLU(),
            nn.ConvTranspose2d(2 * c, channels, 4, 2, 1, bias=False),  # [B, C, 28, 28]
            nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z.view(-1, self.nz, 1, 1))


class Discriminator(nn.Module):
    """DCGAN discriminator at 28x28 (lib/GenCourse/Gan/DcganDiscriminator.cs): [B, C, 28, 28] -> logits [B]."""

    def __init__(self, c=64, channels=1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, c, 4, 2, 1, bias=False),  # [B, c, 14, 14]
            nn.LeakyReLU(0.2),
            nn.Conv2d(c, 2 * c, 4, 2, 1, bias=False),  # [B, 2c, 7, 7]
            nn.BatchNorm2d(2 * c),
            nn.LeakyReLU(0.2),
            nn.Conv2d(2 * c, 1, 7, 1, 0, bias=False),  # [B, 1, 1, 1]
        )

    def forward(self, x):
        return self.net(x).view(-1)


def weights_init(m):
    """The PyTorch DCGAN tutorial's init: conv weights N(0, 0.02), BatchNorm weight N(1, 0.02), bias 0."""
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


def dcgan_step(warmup, reps):
    """One step of the DCGAN tutorial's loop (D on real and detached fakes, then G), batch 128."""
    torch.manual_seed(SEED)
    netG = Generator()
    netG.apply(weights_init)
    netD = Discriminator()
    netD.apply(weights_init)
    real = torch.rand(128, 1, 28, 28) * 2 - 1
    optD = torch.optim.Adam(netD.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    optG = torch.optim.Adam(netG.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=False)
    times = []
    check = 0.0
    for r in range(warmup + reps):
        start = time.perf_counter()
        # (1) D: maximize log D(x) + log(1 - D(G(z)))
        optD.zero_grad(set_to_none=True)
        l_real = netD(real)
        z = torch.randn(128, netG.nz)
        fake = netG(z)
        l_fake = netD(fake.detach())
        err_d = (F.binary_cross_entropy_with_logits(l_real, torch.ones_like(l_real))
                 + F.binary_cross_entropy_with_logits(l_fake, torch.zeros_like(l_fake)))
        # The tutorial's printed figures; GanTrainer.TrainStep reads the same three numbers.
        loss_d = err_d.item()
        d_x = torch.sigmoid(l_real.detach()).mean().item()  # noqa: F841
        d_g_z1 = torch.sigmoid(l_fake.detach()).mean().item()  # noqa: F841
        err_d.backward()
        optD.step()
        # (2) G: maximize log D(G(z))
        optG.zero_grad(set_to_none=True)
        l_gen = netD(fake)
        err_g = F.binary_cross_entropy_with_logits(l_gen, torch.ones_like(l_gen))
        loss_g = err_g.item()
        err_g.backward()
        optG.step()
        elapsed = time.perf_counter() - start
        check = loss_d + loss_g
        if r >= warmup:
            times.append(elapsed * 1e3)
    return check, times


CASES = {"per_op": per_op, "mlp_step": mlp_step, "conv_step": conv_step, "vae_epoch": vae_epoch,
         "dcgan_step": dcgan_step}


def info():
    """torch's version, its BLAS as the build reports it, and the BLAS library actually loaded."""
    config = torch.__config__.show()
    blas = ", ".join(re.findall(r"\b(?:BLAS_INFO|LAPACK_INFO)=[^,\s]+", config)) or "BLAS_INFO not reported"
    torch.randn(64, 64) @ torch.randn(64, 64)  # make sure the BLAS is loaded
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            name = os.path.basename(path)
            if "blas" in name or "mkl" in name:
                libs.add(os.path.realpath(path))
    print(f"torch={torch.__version__}")
    print(f"blas={blas} (torch.__config__.show())")
    print(f"blas_lib={', '.join(sorted(libs)) or 'none found in /proc/self/maps'}")


def parse_case(text):
    """NAME:WARMUP:REPS, e.g. mlp_step:10:30."""
    parts = text.split(":")
    if len(parts) != 3 or parts[0] not in CASES:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not NAME:WARMUP:REPS with NAME one of {', '.join(CASES)}")
    try:
        warmup, reps = int(parts[1]), int(parts[2])
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}': WARMUP and REPS must be whole numbers")
    if warmup < 0 or reps < 1:
        raise argparse.ArgumentTypeError(f"'{text}': need WARMUP >= 0 and REPS >= 1")
    return parts[0], warmup, reps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--info", action="store_true", help="print torch's version and BLAS, then exit")
    parser.add_argument("--threads", type=int, help="intra-op threads")
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "mnist"),
                        help="folder with MNIST's IDX files (vae_epoch)")
    parser.add_argument("--case", type=parse_case, action="append",
                        help="NAME:WARMUP:REPS (repeatable); NAME is " + ", ".join(CASES))
    args = parser.parse_args()
    if args.info:
        info()
        return 0
    if args.threads is None or args.threads < 1 or not args.case:
        parser.error("--threads N (at least 1) and one or more --case NAME:WARMUP:REPS are required")
    torch.set_num_threads(args.threads)
    for name, warmup, reps in args.case:
        extra = (args.data,) if name == "vae_epoch" else ()
        check, times = CASES[name](warmup, reps, *extra)
        print(f"{name} check={check!r} ms={','.join(f'{t:.4f}' for t in times)}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
