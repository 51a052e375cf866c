"""What the scripts that build and check the models in models/<name>/ share: the data, the ONNX
interface, the manifest layout, fixture writing and the onnxruntime-node check. Not run on its own."""

import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from onnx import TensorProto, checker, helper

MODELS = Path(__file__).resolve().parent
REPO = MODELS.parent
# The original data set and pickle stay in ../shared (never copied here), pinned by hash.
SHARED = REPO.parent / "shared" / "data" / "banknote"
CSV = SHARED / "BankNote_Authentication.csv"
CSV_SHA256 = "7b9761900b6790e701187575023820e087aff14f337e29141eb485f2cc914d74"
PKL = SHARED / "classifier.pkl"
PKL_SHA256 = "0542394f5d1fa7c8055810f3850ef6888414d3ff4712145adc0d9f68d2bdb322"
COLUMNS = ["variance", "skewness", "curtosis", "entropy"]
OPSET, IR_VERSION = 13, 8


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_data():
    """The banknote CSV as (features [N,4] float64, class [N] int64)."""
    if sha256(CSV) != CSV_SHA256:
        raise SystemExit(f"{CSV}: sha256 mismatch")
    with open(CSV) as f:
        assert f.readline().strip() == ",".join(COLUMNS + ["class"])
    data = np.loadtxt(CSV, delimiter=",", skiprows=1)
    return data[:, :4], data[:, 4].astype(np.int64)


def random_points(X, n=20000, seed=2):
    """Uniform points over three times the data's range, to exercise extreme probabilities."""
    rng = np.random.RandomState(seed)
    lo, hi = X.min(0), X.max(0)
    return rng.uniform(lo - (hi - lo), hi + (hi - lo), (n, 4))


def classifier_model(graph_name, nodes, inits, input_name, input_type, label, probabilities, script, doc):
    """The graph interface the serving core expects: input [N,4] -> label [N] int64 and
    probabilities [N,2] float32, validated by onnx.checker."""
    graph = helper.make_graph(
        nodes, graph_name,
        [helper.make_tensor_value_info(input_name, input_type, ["N", 4])],
        [helper.make_tensor_value_info(label, TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info(probabilities, TensorProto.FLOAT, ["N", 2])],
        inits)
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], ir_version=IR_VERSION,
        producer_name=f"modelfn {script}", producer_version="1", doc_string=doc)
    checker.check_model(model, full_check=True)
    return model


def write_manifest(path, manifest):
    """One key per line, small objects inline: the layout of the manifest format in the docs."""
    def inline(v):
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{json.dumps(k)}: {json.dumps(x)}" for k, x in v.items()) + " }"
        return json.dumps(v, ensure_ascii=False)
    body = ",\n".join(f"  {json.dumps(k)}: {inline(v)}" for k, v in manifest.items())
    path.write_text("{\n" + body + "\n}\n")


def write_fixture(path, data):
    """Write JSON, then let the repo's Biome lay it out so `npm run lint` stays clean."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) + "\n")
    subprocess.run([str(REPO / "node_modules" / ".bin" / "biome"), "format", "--write", str(path)],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)


def run_verify(model_dir, dtype, groups):
    """Run model_dir's model.onnx in onnxruntime-node (banknote/verify.mjs) on scikit-learn's
    expected outputs; returns its exit code. Node, because that is the runtime that serves it."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix=f"{model_dir.name}-cases-", delete=False) as f:
        json.dump({"dtype": dtype, "tolerance": 1e-5, "groups": groups}, f)
    try:
        return subprocess.run(["node", str(MODELS / "banknote" / "verify.mjs"), str(model_dir), f.name]).returncode
    finally:
        Path(f.name).unlink()
