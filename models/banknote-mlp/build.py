"""Train a small MLP on the banknote data and export it by hand as a float32 ONNX graph.

Run from the repo root with the system interpreter (Debian scikit-learn 1.2.1, onnx 1.12):
    /usr/bin/python3 models/banknote-mlp/build.py
Writes model.onnx, manifest.json and test/fixtures/banknote-mlp-expected.json, then checks the
ONNX model with onnxruntime-node (models/banknote/verify.mjs) against scikit-learn.

This second model exists to show the serving core is model-agnostic: unlike models/banknote it
takes float32 under another input name, has different output names and uses different operators.
"""

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import sklearn
from onnx import TensorProto, checker, helper, numpy_helper
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CSV = REPO.parent / "shared" / "data" / "banknote" / "BankNote_Authentication.csv"
CSV_SHA256 = "7b9761900b6790e701187575023820e087aff14f337e29141eb485f2cc914d74"
COLUMNS = ["variance", "skewness", "curtosis", "entropy"]
FIXTURE = REPO / "test" / "fixtures" / "banknote-mlp-expected.json"
SEED = 0


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_data():
    if sha256(CSV) != CSV_SHA256:
        raise SystemExit(f"{CSV}: sha256 mismatch")
    data = np.loadtxt(CSV, delimiter=",", skiprows=1)
    return data[:, :4], data[:, 4].astype(np.int64)


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
    graph = helper.make_graph(
        nodes, "banknote_mlp",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("class", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", 2])],
        inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=8,
        producer_name="modelfn models/banknote-mlp/build.py", producer_version="1",
        doc_string=(
            "Banknote authentication MLP (demo model): StandardScaler + scikit-learn MLPClassifier"
            "(hidden_layer_sizes=(8,), relu) trained on the 70% split of the UCI banknote data, in float32. "
            "Input 'input' [N,4] float: variance, skewness, curtosis, entropy. Outputs: 'class' [N] int64, "
            "'scores' [N,2] float softmax probabilities for classes 0, 1."))
    checker.check_model(model, full_check=True)
    return model


def write_manifest(path, manifest):
    def inline(v):
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{json.dumps(k)}: {json.dumps(x)}" for k, x in v.items()) + " }"
        return json.dumps(v)
    path.write_text("{\n" + ",\n".join(f"  {json.dumps(k)}: {inline(v)}" for k, v in manifest.items()) + "\n}\n")


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
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps({
        "source": (f"scikit-learn {sklearn.__version__} predict()/predict_proba() of the MLP built by "
                   f"models/banknote-mlp/build.py (model.onnx sha256 {sha256(out)}) on "
                   f"BankNote_Authentication.csv (sha256 {CSV_SHA256}), by data row index"),
        "labels": predict(X).tolist(),
        "probabilities": proba(X).tolist(),
    }) + "\n")
    # Lay it out the way the repo's Biome formatter wants, so `npm run lint` stays clean.
    subprocess.run([str(REPO / "node_modules" / ".bin" / "biome"), "format", "--write", str(FIXTURE)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    print(f"wrote {FIXTURE.relative_to(REPO)}")

    rng = np.random.RandomState(2)
    lo, hi = X.min(0), X.max(0)
    rand = rng.uniform(lo - (hi - lo), hi + (hi - lo), (20000, 4))
    groups = [{"name": name, "features": Z.tolist(), "labels": predict(Z).tolist(),
               "probabilities": proba(Z).tolist(), **({"truth": t.tolist()} if t is not None else {})}
              for name, Z, t in [("all rows", X, y), ("test split", X_test, y_test), ("random points", rand, None)]]
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="banknote-mlp-cases-", delete=False) as f:
        json.dump({"dtype": "float32", "tolerance": 1e-5, "groups": groups}, f)
    try:
        done = subprocess.run(["node", str(REPO / "models" / "banknote" / "verify.mjs"), str(HERE), f.name])
    finally:
        Path(f.name).unlink()
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
