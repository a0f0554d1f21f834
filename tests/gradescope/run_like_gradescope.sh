#!/usr/bin/env bash
# Runs an autograder zip's `run_autograder` the way Gradescope does, without touching
# this machine's /autograder: in a private mount namespace, a tmpfs root gets the
# system's /usr, /etc, /dev, /proc, /tmp and /work, plus
#   /autograder/source      the unzipped autograder zip,
#   /autograder/submission  the student's file (an export zip is unpacked, as Gradescope does),
#   /autograder/results     where results.json must appear,
#   /autograder/submission_metadata.json   as Gradescope writes it (a minimal one),
#   /root/miniforge3/bin    a stand-in `mamba` whose `activate otter-env` puts ENV_DIR first on
#                           PATH (the real image builds otter-env with conda from the zip's
#                           environment.yml; here ENV_DIR is a venv installed from the same pins).
# Usage: run_like_gradescope.sh AUTOGRADER_ZIP SUBMISSION ENV_DIR RESULTS_DIR
# The run's environment is Gradescope's bare one, but for NN_KIT_CALL_SECONDS when set (tests shorten the
# per-call time limit of submissions that hang with it).
set -euo pipefail
zip=$(realpath "$1"); submission=$(realpath "$2"); env_dir=$(realpath "$3"); results=$(realpath "$4")
mkdir -p "$results"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/source" "$stage/submission" "$stage/mamba/bin"
python3 -m zipfile -e "$zip" "$stage/source"
case "$submission" in
  *.zip) python3 -m zipfile -e "$submission" "$stage/submission" ;;
  *) cp "$submission" "$stage/submission/" ;;
esac
cat > "$stage/mamba/bin/mamba" <<SHIM
#!/usr/bin/env bash
# Stand-in for mamba: 'shell hook' defines a mamba function whose 'activate' uses the venv.
if [ "\$1" = shell ]; then
  echo 'mamba() { if [ "\$1" = activate ]; then export PATH="$env_dir/bin:\$PATH"; fi; }'
fi
SHIM
chmod +x "$stage/mamba/bin/mamba"

# The venv and the Python it was made from are mounted at their own paths.
python_home=$(dirname "$(dirname "$(readlink -f "$env_dir/bin/python")")")

exec unshare --mount --propagation private -- bash -euo pipefail -c '
  stage=$1; results=$2; env_dir=$3; python_home=$4; call_seconds=$5
  root=$(mktemp -d)
  mount -t tmpfs tmpfs "$root"
  for d in usr etc dev proc sys tmp; do mkdir -p "$root/$d"; mount --rbind "/$d" "$root/$d"; done
  for l in bin lib lib64 sbin; do [ -L "/$l" ] && ln -s "$(readlink "/$l")" "$root/$l"; done
  for d in "$python_home" "$env_dir"; do
    case "$d" in /usr|/usr/*|/tmp/*) ;; *) mkdir -p "$root$d"; mount --rbind "$d" "$root$d" ;; esac
  done
  mkdir -p "$root/root/miniforge3" "$root/autograder/results"
  mount --bind "$stage/mamba" "$root/root/miniforge3"
  for d in source submission; do mkdir -p "$root/autograder/$d"; mount --bind "$stage/$d" "$root/autograder/$d"; done
  mount --bind "$results" "$root/autograder/results"
  # Gradescope writes this next to the submission; Otter reads it when the assignment has plugins.
  echo "{\"id\": 1, \"assignment\": {\"title\": \"nn_from_scratch\"}, \"users\": [{\"name\": \"Student\"}]}" \
    > "$root/autograder/submission_metadata.json"
  cd "$root"
  exec chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 \
    ${call_seconds:+NN_KIT_CALL_SECONDS=$call_seconds} bash /autograder/source/run_autograder
' bash "$stage" "$results" "$env_dir" "$python_home" "${NN_KIT_CALL_SECONDS:-}"
