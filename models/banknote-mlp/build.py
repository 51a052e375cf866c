"""Train a small MLP on the banknote data and export it by hand as a float32 ONNX graph.

Run from the repo root with the system interpreter (Debian scikit-learn 1.2.1, onnx 1.12):
    /usr/bin/python3 models/banknote-mlp/build.py
Writes model.onnx, manifest.json and test/fixtures/banknote-mlp-expected.json, then checks the
ONNX model with onnxruntime-node (models/banknote/verify.mjs) against scikit-learn.

This second model exists to show the serving core is model-agnostic: unlike models/banknote it
takes float32 under another input name, has different output names and uses different operators.
"""

import sys
from pathlib import Path

import numpy as np
import sklearn
from onnx import TensorProto, helper, numpy_helper
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # models/, for common.py
from common import (  # noqa: E402
    COLUMNS, CSV_SHA256, REPO, classifier_model, load_data, random_points, run_verify, sha256, write_fixture,
    write_manifest)

FIXTURE = REPO / "test" / "fixtures" / "banknote-mlp-expected.json"
SEED = 0


def train(X_train, y_train):
    # Fixed random_state fixes the initial weights and the mini-batch shuffling, so (with the same
    # scikit-learn/NumPy) every run trains the same weights and writes the same model.onnx bytes.
    scaler = StandardScaler().fit(X_train)
    mlp = MLPClassifier(hidden_layer_sizes=(8,), activation="relu", max_iter=2000, random_state=SEED)
    mlp.fit(scaler.transform(X_train), y_train)
    return scaler, mlp


def build(scaler, mlp):
    assert list(mlp.classes_) == [0, 1] and mlp.out_activation_ == "logistic"
    f32 = lambda a: np.asarray(a, dtype=np.float32)  # noqa: E731
    # Binary MLPClassifier has ONE logistic output z with P(class 1) = sigmoid(z). Prepending a
    # zero logit gives softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)] = predict_proba.
    w2 = np.hstack([np.zeros_like(mlp.coefs_[1]), mlp.coefs_[1]])
    b2 = np.concatenate([[0.0], mlp.intercepts_[1]])
    inits = [numpy_helper.from_array(f32(v), n) for n, v in [
        ("mean", scaler.mean_), ("scale", scaler.scale_), ("W1", mlp.coefs_[0]), ("b1", mlp.intercepts_[0]),
        ("W2", w2), ("b2", b2)]]
    mk = helper.make_node
    nodes = [
        mk("Sub", ["input", "mean"], ["centered"], name="standardize_sub"),
        mk("Div", ["centered", "scale"], ["standardized"], name="standardize_div"),
        mk("MatMul", ["standardized", "W1"], ["h_mm"], name="hidden_matmul"),
        mk("Add", ["h_mm", "b1"], ["h_pre"], name="hidden_bias"),
        mk("Relu", ["h_pre"], ["hidden"], name="hidden_relu"),
        mk("MatMul", ["hidden", "W2"], ["o_mm"], name="output_matmul"),
        mk("Add", ["o_mm", "b2"], ["logits"], name="output_bias"),
        mk("Softmax", ["logits"], ["scores"], name="scores", axis=1),
        # ArgMax of the logits (not of rounded scores): class 1 iff z > 0, as sklearn's p > 0.5.
        mk("ArgMax", ["logits"], ["class"], name="class", axis=1, keepdims=0),
    ]
    return classifier_model(
        "banknote_mlp", nodes, inits, input_name="input", input_type=TensorProto.FLOAT, label="class",
        probabilities="scores", script="models/banknote-mlp/build.py",
        doc=(
            "Banknote authentication MLP (demo model): StandardScaler + scikit-learn MLPClassifier"
            "(hidden_layer_sizes=(8,), relu) trained on the 70% split of the UCI banknote data, in float32. "
            "Input 'input' [N,4] float: variance, skewness, curtosis, entropy. Outputs: 'class' [N] int64, "
            "'scores' [N,2] float softmax probabilities for classes 0, 1."))


def main():
    X, y = load_data()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    scaler, mlp = train(X_train, y_train)
    predict = lambda Z: mlp.predict(scaler.transform(Z))  # noqa: E731
    proba = lambda Z: mlp.predict_proba(scaler.transform(Z))  # noqa: E731
    print(f"sklearn MLP: {mlp.n_iter_} epochs, train accuracy {np.mean(predict(X_train) == y_train):.6f}, "
          f"test accuracy {np.mean(predict(X_test) == y_test):.6f} ({np.sum(predict(X_test) == y_test)}/{len(y_test)})")

    out = HERE / "model.onnx"
    out.write_bytes(build(scaler, mlp).SerializeToString())
    write_manifest(HERE / "manifest.json", {
        "name": "banknote-mlp",
        "version": "1",
        "description": "UCI banknote authentication: small float32 MLP (4-8-2, relu, softmax), a second demo model",
        "file": "model.onnx",
        "sha256": sha256(out),
        "input": {"name": "input", "columns": COLUMNS},
        "outputs": {"label": "class", "probabilities": "scores"},
        "classes": [0, 1],
    })
    print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size} bytes, sha256 {sha256(out)})")

    # Fixture: sklearn's (float64) outputs by CSV row index; features stay in ../shared.
    write_fixture(FIXTURE, {
        "source": (f"scikit-learn {sklearn.__version__} predict()/predict_proba() of the MLP built by "
                   f"models/banknote-mlp/build.py (model.onnx sha256 {sha256(out)}) on "
                   f"BankNote_Authentication.csv (sha256 {CSV_SHA256}), by data row index"),
        "labels": predict(X).tolist(),
        "probabilities": proba(X).tolist(),
    })
    print(f"wrote {FIXTURE.relative_to(REPO)}")

    rand = random_points(X)
    groups = [{"name": name, "features": Z.tolist(), "labels": predict(Z).tolist(),
               "probabilities": proba(Z).tolist(), **({"truth": t.tolist()} if t is not None else {})}
              for name, Z, t in [("all rows", X, y), ("test split", X_test, y_test), ("random points", rand, None)]]
    sys.exit(run_verify(HERE, "float32", groups))


if __name__ == "__main__":
    main()
