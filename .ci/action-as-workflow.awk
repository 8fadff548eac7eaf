# Prints action.yml's composite steps as a reusable workflow, so that
# actionlint (which checks only the inputs of a local action) also checks
# the action's own steps: expressions, step outputs, the inputs of the
# actions it uses, and shellcheck over every run: script.
/^inputs:/  { sec = "inputs"; next }
/^outputs:/ { sec = "outputs"; next }
/^runs:/    { sec = "runs"; next }
sec == "inputs" && /^  [a-z_-]+:$/ {
  name = $1; sub(/:$/, "", name)
  inputs = inputs "      " name ":\n        type: string\n        required: false\n"
}
sec == "runs" && /^  steps:$/ { steps = 1; next }
steps { body = body "  " $0 "\n" }
END {
  printf "name: action.yml steps\non:\n  workflow_call:\n    inputs:\n%s", inputs
  printf "permissions:\n  contents: read\njobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:\n%s", body
}
