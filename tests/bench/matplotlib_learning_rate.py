"""The post's learning_rate.gif the way bloggers make it: matplotlib's
FuncAnimation and PillowWriter. `make bench` times it against
downhill-render making the same animation: 实验三 (η = 0.03 / 0.3 / 1.5 from
w0 = 0, 20 steps) in three panels, the same size, frame rate and frame count
(one frame every 1000 / fps ms of the same clock: a step every 700 / speed ms,
each flying 450 / speed ms with the same easing, the last frame held 2 s).

usage: python matplotlib_learning_rate.py OUT.gif WIDTH HEIGHT FPS SPEED STEPS
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402

out, width, height, fps, speed, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
LRS = [0.03, 0.3, 1.5]
VERDICTS = ["too small", "just right", "too big"]
COLOURS = ["#0072b2", "#009e73", "#d55e00"]
interval, flight = 700.0 / speed, 450.0 / speed


def loss(w):
    return (w - 3.0) ** 2 + 1.0


runs = []
for lr in LRS:
    ws = [0.0]
    for _ in range(steps):
        ws.append(ws[-1] - lr * 2.0 * (ws[-1] - 3.0))
    runs.append(np.array(ws))

duration = interval * (steps + 1) + flight + 2000.0
frames = int(round(duration * fps / 1000.0))

dpi = 100
fig, axes = plt.subplots(1, 3, figsize=(width / dpi, height / dpi), dpi=dpi)
artists = []
for ax, ws, lr, colour, verdict in zip(axes, runs, LRS, COLOURS, VERDICTS):
    lo, hi = min(ws.min(), -0.5), max(ws.max(), 6.5)
    grid = np.linspace(lo, hi, 240)
    ax.plot(grid, loss(grid), color="#2166ac", lw=1.5)
    ax.plot([3], [1], "D", color="#008060", ms=4)
    ax.set_xlim(lo, hi)
    ax.set_ylim(0, max(loss(grid).max(), 1.0) * 1.05)
    ax.tick_params(labelsize=7)
    trail, = ax.plot([], [], "o-", color="#78828c", ms=3, lw=0.8)
    ball, = ax.plot([], [], "o", color=colour, ms=8)
    title = ax.set_title("", fontsize=8, color=colour)
    artists.append((ws, lr, verdict, trail, ball, title))
fig.tight_layout()


def ease(x):
    return x * x * (3.0 - 2.0 * x)


def draw(k):
    now = k * 1000.0 / fps
    t = min(steps, int(now // interval))
    into = now - t * interval if t >= 1 else flight
    for ws, lr, verdict, trail, ball, title in artists:
        trail.set_data(ws[: t + 1], loss(ws[: t + 1]))
        if t >= 1 and into < flight:
            a, b = ws[t - 1], ws[t]
            w = a + (b - a) * ease(into / flight)
        else:
            w = ws[t]
        ball.set_data([w], [loss(w)])
        title.set_text(f"η = {lr} · {verdict}\nw = {ws[t]:.4f} · L = {loss(ws[t]):.4f}")
    return [a for x in artists for a in x[3:]]


FuncAnimation(fig, draw, frames=frames).save(out, writer=PillowWriter(fps=fps))
print(frames)
