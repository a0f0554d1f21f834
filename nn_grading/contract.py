"""The names of the functions a student writes (../shared/CONTRACT.md): the only names of a
submission that the grader's namespace ever binds. A submission's other names (a helper called
`open`, say) stay in its own process, where they cannot shadow anything of the grader's."""

FUNCTIONS = (
    "shape", "zeros", "transpose", "dot", "matmul", "add", "subtract", "multiply", "scale", "add_bias",
    "column_sums", "apply",
    "sigmoid", "init_params", "forward", "bce_loss",
    "dropout_forward", "dropout_backward",
    "backward", "numerical_gradient", "relative_error",
    "update_params", "train", "predict", "accuracy", "plot_losses", "plot_decision",
)
