"""Rebuild models/banknote/model.onnx from the original pickled SVC, by hand.

Run from the repo root with the system interpreter (Debian scikit-learn 1.2.1, onnx 1.12):
    /usr/bin/python3 models/banknote/build.py
then check it with: /usr/bin/python3 models/banknote/verify.py

skl2onnx is not available, and ai.onnx.ml SVMClassifier computes in float32 (labels can flip
near the boundary), so the graph is written with standard ai.onnx ops and computes in double,
mirroring scikit-learn's bundled libsvm (sklearn/svm/src/libsvm/svm.cpp) operation by operation.
"""

import pickle
import sys
import warnings
from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # models/, for common.py
from common import COLUMNS, PKL, PKL_SHA256, REPO, classifier_model, sha256, write_manifest  # noqa: E402


def load_model():
    # A pickle runs code on load: refuse anything but the exact published file.
    if sha256(PKL) != PKL_SHA256:
        raise SystemExit(f"{PKL}: sha256 mismatch, refusing to unpickle")
    with warnings.catch_warnings():
        # Saved by sklearn 1.3.0, loaded by 1.2.1: only the version warning is expected (and
        # verify.py checks the loaded model against the data, so it is not taken on trust).
        warnings.simplefilter("ignore", UserWarning)
        with open(PKL, "rb") as f:
            model = pickle.load(f)
    # The model was fit on a DataFrame; we pass plain arrays, so drop the names to avoid
    # "X does not have valid feature names" warnings (the column order is checked here).
    assert list(model.feature_names_in_) == COLUMNS, model.feature_names_in_
    del model.feature_names_in_
    return model


def build(m):
    assert m.kernel == "rbf" and list(m.classes_) == [0, 1] and m.probability
    f64 = TensorProto.DOUBLE
    inits, nodes = [], []

    def const(name, value, dtype=np.float64):
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    # --- decision function (sklearn sign convention: > 0 means classes_[1]) ---
    # libsvm's RBF k_function: exp(-gamma * sum_i (x_i - sv_i)^2), summed over features.
    sv = const("support_vectors", m.support_vectors_[None, :, :])  # [1, 85, 4]
    x3 = node("Unsqueeze", ["features", const("axis1", [1], np.int64)], "x_unsq")  # [N, 1, 4]
    d = node("Sub", [x3, sv], "diff")
    # Sums are taken with CumSum + last element rather than ReduceSum/MatMul: CumSum adds strictly
    # left to right like libsvm's loops, so they round the same way (only onnxruntime's Exp can still
    # differ from C's exp in the last bit), which keeps labels equal even very close to the boundary.
    dist = node("Gather", [node("CumSum", [node("Mul", [d, d], "diff_sq"), const("axis2", 2, np.int64)],
                                "sq_dist_partial"), const("last_feature", 3, np.int64)],
                "sq_dist", axis=2)  # [N, 85]
    kern = node("Exp", [node("Mul", [dist, const("neg_gamma", -m._gamma)], "scaled_dist")], "kernel")
    # dual_coef_/intercept_ are libsvm's values negated for binary SVC, so this is exactly
    # -(libsvm decision value): sklearn's decision_function.
    terms = node("Mul", [kern, const("dual_coef", m.dual_coef_[0])], "weighted_kernel")  # [N, 85]
    total = node("Gather", [node("CumSum", [terms, const("axis1_scalar", 1, np.int64)], "kernel_dot_partial"),
                            const("last_sv", len(m.support_) - 1, np.int64)], "kernel_dot", axis=1)
    dec = node("Add", [total, const("intercept", m.intercept_[0])], "decision")  # [N]

    # --- label: libsvm votes classes_[0] iff its value > 0, i.e. iff decision < 0 (ties -> classes_[1]) ---
    nodes.append(helper.make_node(
        "Where", [node("Less", [dec, const("zero", 0.0)], "is_class0"),
                  const("class0", m.classes_[0], np.int64), const("class1", m.classes_[1], np.int64)],
        ["label"], name="label"))

    # --- probabilities: libsvm svm_predict_probability ---
    # Platt sigmoid on libsvm's value (-decision): fApB = (-decision)*A + B, computed with libsvm's
    # two overflow-safe branches, then clipped to [1e-7, 1-1e-7].
    fab = node("Add", [node("Mul", [dec, const("neg_probA", -m.probA_[0])], "dec_A"),
                       const("probB", m.probB_[0])], "fApB")
    e_neg = node("Exp", [node("Neg", [fab], "neg_fApB")], "exp_neg_fApB")
    one = const("one", 1.0)
    s_pos = node("Div", [e_neg, node("Add", [one, e_neg], "one_plus_exp_neg")], "sig_pos_branch")
    s_neg = node("Div", [one, node("Add", [one, node("Exp", [fab], "exp_fApB")], "one_plus_exp")],
                 "sig_neg_branch")
    s = node("Where", [node("GreaterOrEqual", [fab, "zero"], "fApB_nonneg"), s_pos, s_neg], "sigmoid")
    s = node("Max", [s, const("min_prob", 1e-7)], "sigmoid_lo")
    r01 = node("Min", [s, const("max_prob", 1.0 - 1e-7)], "r01")  # pairwise P(class0 | 0 vs 1)
    r10 = node("Sub", [one, r01], "r10")
    # sklearn's libsvm then ALWAYS runs multiclass_probability (Wu-Lin-Weng method 2), even for
    # two classes. It starts from p = (1/2, 1/2) and stops when max|Qp - pQp| < 0.005/k, so the
    # result is NOT simply (r01, r10): it differs by up to ~0.005 and can go below 1e-7.
    # Reproduced with a Loop (max_iter 100) over per-row state, frozen once a row has converged.
    q00 = node("Mul", [r10, r10], "Q00")
    q11 = node("Mul", [r01, r01], "Q11")
    q01 = node("Neg", [node("Mul", [r10, r01], "r10_r01")], "Q01")
    p_init = node("ConstantOfShape", [node("Shape", [r01], "batch_shape")], "p_init",
                  value=numpy_helper.from_array(np.array([0.5])))
    done_init = node("ConstantOfShape", ["batch_shape"], "done_init",
                     value=numpy_helper.from_array(np.array([False])))

    b, body_inits = [], []

    def bnode(op, inputs, output, **attrs):
        b.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    body_inits.append(numpy_helper.from_array(np.array(0.005 / 2), "eps"))
    body_inits.append(numpy_helper.from_array(np.array(2.0), "two"))
    # Qp = Q p and pQp = p'Qp, in libsvm's summation order.
    qp0 = bnode("Add", [bnode("Mul", [q00, "p0"], "Q00p0"), bnode("Mul", [q01, "p1"], "Q01p1")], "Qp0")
    qp1 = bnode("Add", [bnode("Mul", [q01, "p0"], "Q10p0"), bnode("Mul", [q11, "p1"], "Q11p1")], "Qp1")
    pqp = bnode("Add", [bnode("Mul", ["p0", qp0], "p0Qp0"), bnode("Mul", ["p1", qp1], "p1Qp1")], "pQp")
    err = bnode("Max", [bnode("Abs", [bnode("Sub", [qp0, pqp], "e0")], "abs_e0"),
                        bnode("Abs", [bnode("Sub", [qp1, pqp], "e1")], "abs_e1")], "max_error")
    stop = bnode("Or", ["done", bnode("Less", [err, "eps"], "converged")], "stop")
    # t = 0: p0 += diff; pQp and Qp1 updated; then every p[j] /= (1 + diff)
    diff0 = bnode("Div", [bnode("Sub", [pqp, qp0], "num0"), q00], "diff0")
    opd0 = bnode("Add", [one, diff0], "one_plus_diff0")
    inner0 = bnode("Add", [bnode("Mul", [diff0, q00], "d0Q00"), bnode("Mul", ["two", qp0], "twoQp0")], "inner0")
    pqp_num = bnode("Add", [pqp, bnode("Mul", [diff0, inner0], "outer0")], "pQp_num")
    pqp_a = bnode("Div", [bnode("Div", [pqp_num, opd0], "pQp_div1"), opd0], "pQp_t0")  # /(1+d)/(1+d)
    qp1_a = bnode("Div", [bnode("Add", [qp1, bnode("Mul", [diff0, q01], "d0Q01")], "Qp1_num"), opd0], "Qp1_t0")
    p0_a = bnode("Div", [bnode("Add", ["p0", diff0], "p0_plus"), opd0], "p0_t0")
    p1_a = bnode("Div", ["p1", opd0], "p1_t0")
    # t = 1: only p changes what the next iteration sees (it recomputes Qp and pQp from p)
    diff1 = bnode("Div", [bnode("Sub", [pqp_a, qp1_a], "num1"), q11], "diff1")
    opd1 = bnode("Add", [one, diff1], "one_plus_diff1")
    p0_b = bnode("Div", [p0_a, opd1], "p0_t1")
    p1_b = bnode("Div", [bnode("Add", [p1_a, diff1], "p1_plus"), opd1], "p1_t1")
    b.append(helper.make_node("Where", [stop, "p0", p0_b], ["p0_out"], name="p0_out"))
    b.append(helper.make_node("Where", [stop, "p1", p1_b], ["p1_out"], name="p1_out"))
    b.append(helper.make_node("Identity", [stop], ["done_out"], name="done_out"))
    # Keep looping while any row has not converged.
    pending = bnode("ReduceSum", [bnode("Cast", [bnode("Not", [stop], "not_stop")], "pending_f", to=f64)],
                    "pending", keepdims=0)
    b.append(helper.make_node("Greater", [pending, "zero"], ["cond_out"], name="cond_out"))

    vec = lambda name, t=f64: helper.make_tensor_value_info(name, t, ["N"])  # noqa: E731
    scalar = lambda name, t: helper.make_tensor_value_info(name, t, [])  # noqa: E731
    body = helper.make_graph(
        b, "multiclass_probability_iteration",
        [scalar("iter", TensorProto.INT64), scalar("cond_in", TensorProto.BOOL),
         vec("p0"), vec("p1"), vec("done", TensorProto.BOOL)],
        [scalar("cond_out", TensorProto.BOOL), vec("p0_out"), vec("p1_out"), vec("done_out", TensorProto.BOOL)],
        body_inits)
    nodes.append(helper.make_node(
        "Loop", [const("max_iter", 100, np.int64), const("true", True, np.bool_), p_init, p_init, done_init],
        ["p0", "p1", "converged_all"], name="multiclass_probability", body=body))
    p0 = node("Unsqueeze", ["p0", "axis1"], "p0_col")
    p1 = node("Unsqueeze", ["p1", "axis1"], "p1_col")
    probs = node("Concat", [p0, p1], "probabilities_f64", axis=1)
    nodes.append(helper.make_node("Cast", [probs], ["probabilities"], name="probabilities", to=TensorProto.FLOAT))

    return classifier_model(
        "banknote_svc", nodes, inits, input_name="features", input_type=f64, label="label",
        probabilities="probabilities", script="models/banknote/build.py",
        doc=(
            "Banknote authentication: exact double-precision reproduction of the scikit-learn "
            "SVC(kernel='rbf', class_weight='balanced', probability=True) in classifier.pkl "
            f"(sha256 {PKL_SHA256}) from github.com/jackma-00/ml-inference. "
            "Input features [N,4] double: variance, skewness, curtosis, entropy. "
            "Outputs: label [N] int64 = predict(); probabilities [N,2] float = predict_proba() "
            "(columns classes 0, 1)."))


def main():
    model = build(load_model())
    out = HERE / "model.onnx"
    out.write_bytes(model.SerializeToString())
    manifest = {
        "name": "banknote",
        "version": "1",
        "description": "UCI banknote authentication: the original RBF SVC (jackma-00/ml-inference), "
                       "reproduced exactly in double precision",
        "file": "model.onnx",
        "sha256": sha256(out),
        "input": {"name": "features", "columns": COLUMNS},
        "outputs": {"label": "label", "probabilities": "probabilities"},
        "classes": [0, 1],
    }
    write_manifest(HERE / "manifest.json", manifest)
    print(f"wrote {out.relative_to(REPO)} ({out.stat().st_size} bytes, sha256 {manifest['sha256']})")


if __name__ == "__main__":
    main()
