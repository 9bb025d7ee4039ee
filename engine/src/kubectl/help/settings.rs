//! Help of the "Settings Commands": label, annotate, completion.
use super::Topic;

pub const TOPICS: &[Topic] = &[
    Topic {
        path: "label",
        long: "Add, change or remove labels of objects.

 A label key and value must each start with a letter or digit and may hold letters, digits, hyphens, dots and underscores, up to 63 characters each. The key may have a DNS subdomain prefix: example.com/my-label. Changing an existing label needs --overwrite. With --resource-version, the change is made only if the object still has that version.",
        examples: "# Label pod nginx with tier=front
kubectl label pods nginx tier=front

# Change an existing label
kubectl label --overwrite pods nginx tier=back

# Label every pod of the namespace
kubectl label pods --all team=blue

# Label the pod a manifest file names
kubectl label -f pod.json tier=front

# Change the label only if the pod is still at resourceVersion 1
kubectl label pods nginx tier=front --resource-version=1

# Remove the label tier (a trailing dash removes it)
kubectl label pods nginx tier-",
        usage: "label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "annotate",
        long: "Add, change or remove annotations of objects.

 An annotation key follows the rules of a label key; its value is any text, possibly long. Tools and controllers use annotations to keep data on objects. Changing an existing annotation needs --overwrite. With --resource-version, the change is made only if the object still has that version.

Use \"kubectl api-resources\" for a complete list of supported resources.",
        examples: "# Note a description on pod nginx
kubectl annotate pods nginx description='serves the landing page'

# Annotate the pod a manifest file names
kubectl annotate -f pod.json description='serves the landing page'

# Change an existing annotation
kubectl annotate --overwrite pods nginx description='serves the docs'

# Annotate every pod of the namespace
kubectl annotate pods --all description='part of the demo'

# Change it only if the pod is still at resourceVersion 1
kubectl annotate pods nginx description='serves the docs' --resource-version=1

# Remove the annotation description
kubectl annotate pods nginx description-",
        usage: "annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
        ..Topic::NONE
    },
    Topic {
        path: "completion",
        long: "Print the shell code that completes kubectl commands as you type, for bash, zsh, fish or PowerShell.

 Load it in your shell, or in its startup file so every new shell has it.

 Bash needs the bash-completion package; zsh, fish and PowerShell need nothing more.",
        examples: "# Load completion in the current bash
source <(kubectl completion bash)

# Load it in every new bash
echo 'source <(kubectl completion bash)' >> ~/.bashrc

# Load completion in the current zsh
source <(kubectl completion zsh)

# Load completion in fish
kubectl completion fish | source

# Load completion in PowerShell
kubectl completion powershell | Out-String | Invoke-Expression",
        usage: "completion SHELL [options]",
        ..Topic::NONE
    },];
