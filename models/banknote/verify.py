"""Check models/banknote/model.onnx (run by onnxruntime-node) against the original pickled SVC.

Run from the repo root: /usr/bin/python3 models/banknote/verify.py
Expected values come from scikit-learn; the ONNX model is run by verify.mjs, in Node, because
that is the runtime that serves it (and onnxruntime for Python is not installed here).
"""

import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import train_test_split

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # build.py, expected.py here; common.py in models/
from build import load_model  # noqa: E402
from common import load_data, random_points, run_verify  # noqa: E402
from expected import crossing, near_boundary, opposite_pairs  # noqa: E402


def group(model, name, X, truth=None, informational=False):
    g = {"name": name, "features": X.tolist(), "labels": model.predict(X).tolist(),
         "probabilities": model.predict_proba(X).tolist(), "informational": informational}
    if truth is not None:
        g["truth"] = truth.tolist()
    return g


def main():
    model = load_model()
    X, y = load_data()
    # Same split as the original notebook; the pickle's support vectors must be training rows
    # at the stored indices, which confirms both the split and the unpickled model.
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    assert X_train.shape == tuple(model.shape_fit_)
    assert np.array_equal(X_train[model.support_], model.support_vectors_)
    print(f"sklearn: {len(model.support_)} SVs {model.n_support_}, test accuracy "
          f"{np.mean(model.predict(X_test) == y_test):.6f} ({np.sum(model.predict(X_test) == y_test)}/{len(y_test)})")

    pairs = opposite_pairs(model, X, 200, seed=1)
    groups = [group(model, "all rows", X, y), group(model, "test split", X_test, y_test)]
    for margin in (1e-7, 1e-10, 1e-12):
        pts = near_boundary(model, X, pairs, margin)
        print(f"margin {margin:g}: |decision| {np.abs(model.decision_function(pts)).min():.2e}.."
              f"{np.abs(model.decision_function(pts)).max():.2e}")
        groups.append(group(model, f"boundary +-{margin:g}", pts))
    # The last representable points on either side of each crossing (|decision| ~1e-16): here the
    # summation order of the 85 kernel terms decides, so agreement is reported, not required.
    flips = np.array([p for i, j in pairs for p in crossing(model, X[i], X[j])[1:3]])
    print(f"adjacent flip points: |decision| max {np.abs(model.decision_function(flips)).max():.2e}")
    groups.append(group(model, "adjacent flip points", flips, informational=True))
    # Random points well outside the data too, to exercise extreme probabilities.
    groups.append(group(model, "random points", random_points(X)))
    sys.exit(run_verify(HERE, "float64", groups))


if __name__ == "__main__":
    main()
