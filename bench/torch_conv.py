# The PyTorch side of the conv2d benchmark: forward + backward of the same layer as bench/run.mjs,
# float64, median of REPS runs after warm-up. Prints one JSON line.
import json, sys, time
import torch

torch.manual_seed(0)
n, c, f, hw, k, reps = (int(a) for a in sys.argv[1:7])
threads = int(sys.argv[7]) if len(sys.argv) > 7 else torch.get_num_threads()
torch.set_num_threads(threads)
x = torch.randn(n, c, hw, hw, dtype=torch.float64)
w = torch.randn(f, c, k, k, dtype=torch.float64, requires_grad=True)

def step():
    w.grad = None
    y = torch.nn.functional.conv2d(x, w, padding=k // 2)
    y.sum().backward()
    return w.grad

for _ in range(5):
    step()
times = []
for _ in range(reps):
    t = time.perf_counter()
    step()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({"ms": times[len(times) // 2], "threads": threads, "torch": torch.__version__, "gradSum": float(step().sum())}))
