"""Imported by the heavy runs' forkserver (:data:`ui.heavy.WORKER_PRELOAD`): the model's loops compiled once.

Importing this module loads numba and compiles the model's month loops (or loads
them from numba's disk cache; :mod:`model.kernels`), a second or more in a fresh
process. Done once in the process the workers fork from, every worker starts with
them ready, so no Monte Carlo run pays for it. Where numba is not installed it
does nothing and the runs use numpy.
"""

from __future__ import annotations

from model import kernels

#: The backend the workers run ("numba" or "numpy").
BACKEND = kernels.warm_up()
