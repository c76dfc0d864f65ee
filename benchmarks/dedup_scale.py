"""Memory and time of the dedup stage alone at scale (default one million records).

    python benchmarks/dedup_scale.py [--records 1000000]

Signatures are simulated (random 32-bit MinHash values, one planted near-copy every 100
records, with 5 of 64 values changed) so that a million records take seconds to make; the
clustering is the builder's own. Prints seconds, records/s, the packed signature and band
index size, the peak RSS of the process and the clusters found.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from builder.dedup import NUM_PERM, Signature, SignatureStore, cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = np.random.default_rng(2013)
    store = SignatureStore()
    started = time.perf_counter()
    previous = None
    for n in range(args.records):
        if previous is not None and n % 100 == 99:
            values = previous.copy()
            values[rng.choice(NUM_PERM, 5, replace=False)] = rng.integers(0, 2**32, 5)
        else:
            values = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        store.add(Signature(f"{n:016x}", None, f"{n:016x}{0:048x}", 400, values))
        previous = values
    made = time.perf_counter() - started
    started = time.perf_counter()
    clusters = cluster(store)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records={args.records} make_seconds={made:.1f} cluster_seconds={elapsed:.1f}")
    print(
        f"records/s={args.records / elapsed:.0f} index_mb={clusters.index_bytes / 1e6:.0f} "
        f"peak_rss_mb={peak:.0f} clusters={clusters.count} "
        f"in_multi_member_clusters={clusters.multi_member} "
        f"planted_pairs={args.records // 100}"
    )


if __name__ == "__main__":
    main()
