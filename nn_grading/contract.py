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

# The graded questions, in the order of the notebook (and of every report and feedback file).
QUESTIONS = (
    "vector_ops_basics", "vector_ops_products", "vector_ops_elementwise",
    "forward_sigmoid", "forward_init", "forward_pass", "forward_loss",
    "dropout_forward", "dropout_backward",
    "backward_numerical", "backward_relative_error", "backward_grads",
    "training_update", "training_train", "training_predict", "training_plots",
)
