# Honest style: non-ASCII identifiers (PEP 3131) for helpers, variables and parameters: Greek
# letters as in the maths (σ, η, ε, Δ), accented French helper names, and a parameter spelled
# `ℎ`, which Python folds (NFKC) to `h`, so `numerical_gradient(f, p, h=...)` still works.
# Contract functions that are bound to a unicode-named helper (`sigmoid = σ`).
import math
import random


def forme(matrice):
    """(lignes, colonnes)"""
    if len(matrice) == 0:
        return (0, 0)
    colonnes = len(matrice[0])
    for ligne in matrice:
        if len(ligne) != colonnes:
            raise ValueError("les lignes n'ont pas toutes la même longueur")
    return (len(matrice), colonnes)


shape = forme


def zeros(rows, cols):
    return [[0.0 for _ in range(cols)] for _ in range(rows)]


def transpose(A):
    lignes, colonnes = shape(A)
    return [[A[i][j] for i in range(lignes)] for j in range(colonnes)]


def produit_scalaire(u, v):
    if len(u) != len(v):
        raise ValueError("longueurs différentes")
    Σ = 0.0
    for a, b in zip(u, v):
        Σ += a * b
    return Σ


dot = produit_scalaire


def matmul(A, B):
    n, k = shape(A)
    k_ᵦ, m = shape(B)
    if k != k_ᵦ:
        raise ValueError("matmul: dimensions intérieures différentes")
    colonnes_de_B = transpose(B)
    return [[dot(ligne, colonne) for colonne in colonnes_de_B] for ligne in A]


def _élément_par_élément(A, B, opération):
    if shape(A) != shape(B):
        raise ValueError("formes différentes")
    return [[opération(a, b) for a, b in zip(ligne_a, ligne_b)] for ligne_a, ligne_b in zip(A, B)]


def add(A, B):
    return _élément_par_élément(A, B, lambda a, b: a + b)


def subtract(A, B):
    return _élément_par_élément(A, B, lambda a, b: a - b)


def multiply(A, B):
    return _élément_par_élément(A, B, lambda a, b: a * b)


def scale(A, c):
    return [[a * c for a in ligne] for ligne in A]


def add_bias(A, b):
    n, m = shape(A)
    if shape(b) != (1, m):
        raise ValueError("add_bias: b doit être 1 x M")
    return [[a + β for a, β in zip(ligne, b[0])] for ligne in A]


def column_sums(A):
    lignes, colonnes = shape(A)
    sommes = [0.0] * colonnes
    for ligne in A:
        for j in range(colonnes):
            sommes[j] += ligne[j]
    return [sommes]


def apply(f, A):
    return [[f(a) for a in ligne] for ligne in A]


def σ(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    eᶻ = math.exp(z)
    return eᶻ / (1.0 + eᶻ)


sigmoid = σ


def init_params(D, n_h, seed):
    générateur = random.Random(seed)
    W1 = [[générateur.gauss(0.0, 1.0) / math.sqrt(D) for _ in range(n_h)] for _ in range(D)]
    W2 = [[générateur.gauss(0.0, 1.0) / math.sqrt(n_h)] for _ in range(n_h)]
    return {"W1": W1, "b1": zeros(1, n_h), "W2": W2, "b2": zeros(1, 1)}


def forward(X, params, keep_prob=1.0, rng=None):
    if keep_prob < 1.0 and rng is None:
        raise ValueError("le dropout demande un générateur")
    Z1 = add_bias(matmul(X, params["W1"]), params["b1"])
    A1 = apply(math.tanh, Z1)
    if keep_prob < 1.0:
        H1, masque = dropout_forward(A1, keep_prob, rng)
    else:
        H1, masque = A1, None
    Z2 = add_bias(matmul(H1, params["W2"]), params["b2"])
    A2 = apply(σ, Z2)
    return A2, {"X": X, "Z1": Z1, "A1": A1, "mask": masque, "H1": H1, "Z2": Z2, "A2": A2}


def bce_loss(A2, y):
    ε = 1e-12
    perte = 0.0
    for ligne_p, ligne_y in zip(A2, y):
        p = min(max(ligne_p[0], ε), 1.0 - ε)
        t = ligne_y[0]
        perte += -(t * math.log(p) + (1.0 - t) * math.log(1.0 - p))
    return perte / len(y)


def dropout_forward(A, keep_prob, rng):
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError("keep_prob ∉ (0, 1]")
    masque = [[1.0 if rng.random() < keep_prob else 0.0 for _ in ligne] for ligne in A]
    return scale(multiply(A, masque), 1.0 / keep_prob), masque


def dropout_backward(dout, mask, keep_prob):
    return scale(multiply(dout, mask), 1.0 / keep_prob)


def numerical_gradient(f, params, ℎ=1e-5):
    copie = {nom: [ligne[:] for ligne in valeur] for nom, valeur in params.items()}
    gradients = {}
    for nom, valeur in copie.items():
        gradients[nom] = zeros(*shape(valeur))
        for i, ligne in enumerate(valeur):
            for j, ancien in enumerate(ligne):
                ligne[j] = ancien + h  # the same name as ℎ: Python reads identifiers in NFKC form
                f_plus = f(copie)
                ligne[j] = ancien - ℎ
                f_moins = f(copie)
                ligne[j] = ancien
                gradients[nom][i][j] = (f_plus - f_moins) / (2.0 * ℎ)
    return gradients


def relative_error(a, b):
    pire = 0.0
    for ligne_a, ligne_b in zip(a, b):
        for x, z in zip(ligne_a, ligne_b):
            pire = max(pire, abs(x - z) / max(1e-8, abs(x) + abs(z)))
    return pire


def backward(params, cache, y, keep_prob=1.0):
    N = len(y)
    ΔZ2 = scale(subtract(cache["A2"], y), 1.0 / N)
    ΔW2 = matmul(transpose(cache["H1"]), ΔZ2)
    Δb2 = column_sums(ΔZ2)
    ΔH1 = matmul(ΔZ2, transpose(params["W2"]))
    ΔA1 = ΔH1 if cache["mask"] is None else dropout_backward(ΔH1, cache["mask"], keep_prob)
    ΔZ1 = multiply(ΔA1, apply(lambda a: 1.0 - a * a, cache["A1"]))
    ΔW1 = matmul(transpose(cache["X"]), ΔZ1)
    return {"W1": ΔW1, "b1": column_sums(ΔZ1), "W2": ΔW2, "b2": Δb2}


def update_params(params, grads, lr):
    η = lr
    return {nom: subtract(valeur, scale(grads[nom], η)) for nom, valeur in params.items()}


def train(X, y, n_h=4, epochs=500, lr=1.0, keep_prob=1.0, seed=0):
    θ = init_params(shape(X)[1], n_h, seed)
    générateur = random.Random(seed + 1)
    pertes = []
    for _époque in range(epochs):
        A2, cache = forward(X, θ, keep_prob, générateur)
        pertes.append(bce_loss(A2, y))
        θ = update_params(θ, backward(θ, cache, y, keep_prob), lr)
    return θ, pertes


def predict(X, params):
    A2, _ = forward(X, params)
    return [[1.0 if ligne[0] >= 0.5 else 0.0] for ligne in A2]


def accuracy(y_pred, y):
    return sum(1 for p, t in zip(y_pred, y) if p == t) / len(y)


def plot_losses(losses):
    from matplotlib.figure import Figure
    figure = Figure(figsize=(6, 4))
    axes = figure.add_subplot()
    axes.plot(range(len(losses)), losses)
    axes.set_xlabel("époque")
    axes.set_ylabel("perte d'entraînement")
    return figure


def plot_decision(X, y, params):
    from matplotlib.figure import Figure
    pas = 40
    grille = [-1.0 + 2.0 * k / (pas - 1) for k in range(pas)]
    probabilités = forward([[a, b, 0.0] for b in grille for a in grille], params)[0]
    Z = [[probabilités[r * pas + c][0] for c in range(pas)] for r in range(pas)]
    figure = Figure(figsize=(5, 5))
    axes = figure.add_subplot()
    axes.contourf(grille, grille, Z, levels=[0.0, 0.5, 1.0])
    axes.scatter([ligne[0] for ligne in X], [ligne[1] for ligne in X], c=[ligne[0] for ligne in y], s=12)
    axes.set_xlabel("x₁")
    axes.set_ylabel("x₂")
    return figure
