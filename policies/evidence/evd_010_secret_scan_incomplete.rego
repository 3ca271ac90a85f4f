# METADATA
# title: Files the secret scan did not read
# description: |
#   The secret scan of a repository checkout or a client bundle left files unread: larger than
#   the scan limit (20 MiB), unreadable, a symbolic link leaving the tree, or not a regular file.
#   `aiguard verify` lists them in the evidence (`places[].skipped`), but a token in such a file
#   would pass AIG-EVD-005 unseen: a scan that did not read a file is no evidence that it holds no
#   secret. A broken link and a link to a directory inside the tree leave nothing unread (the
#   directory is scanned at its own path): they are not counted.
# custom:
#   id: AIG-EVD-010
#   severity: medium
#   remediation: |
#     Make every file of the tree readable to the scan, then run `aiguard verify` and
#     `aiguard check --evidence` again: keep files above the limit (data, weights, archives) out of
#     the repository and the bundle (weights belong in a model store, declared as `weights.store`
#     and verified with `--store-root`), make unreadable files readable to the user running
#     `aiguard verify`, and replace a link that leaves the tree by the file it points to, or remove
#     it. A file that must stay and was checked for secrets some other way: record that as an
#     exception for this policy and the repository, with who checked it and until when.
#   example_fix: |
#     models:
#       - id: dragonfly-mm-v3
#         weights:
#           store: s3-models          # moved out of the repository: aiguard verify --store-root s3-models=DIR
#           path: dragonfly-mm-v3/model.safetensors
#     exceptions:
#       - policy: AIG-EVD-010
#         asset: ml-pipelines
#         reason: fixtures/genome.vcf (48 MiB) scanned with gitleaks on 2026-11-20, no secret
#         approved_by: appsec@northwind.example
#         expires: 2027-02-28
#   frameworks:
#     NIST SP 800-53 rev5: [SA-11, RA-5, CA-7]
#     ISO/IEC 27001:2022: [A.5.17, A.8.4]
#     ISO/IEC 42001:2023: [A.6.2.4]
#     OWASP LLM Top 10 2025: [LLM02]
#     NIST AI 600-1: [Information Security]
# schemas:
#   - input: schema.inventory
package aiguard.policies.evidence.evd_010

import data.aiguard.lib.evidence

# Reasons that leave no content unread: a broken link points at nothing, and a directory a link
# points to inside the tree is scanned at its own path (one leaving it is "symlink leaves the root").
nothing_unread := {"broken symlink", "symlink to a directory (not followed)"}

# Repository id -> the entries its scans (checkout and bundle) did not read.
unread := {candidate.id: [entry |
	some place in data.aiguard.evidence.places
	place.id == candidate.id
	some skipped in place.skipped
	not nothing_unread[skipped.reason]
	entry := {"text": sprintf("%s (%s, %s)", [skipped.path, skipped.reason, place.kind]), "reason": skipped.reason}
] |
	some candidate in data.aiguard.evidence.places
	some first in candidate.skipped
	not nothing_unread[first.reason]
}

deny contains finding if {
	some id, entries in unread
	some i, repository in input.repositories
	repository.id == id
	finding := {
		"subject": id,
		"message": sprintf("repository %s: the secret scan did not read %s: %s; a secret there would pass unseen; %s, then run aiguard verify again", [
			id, files(count(entries)), evidence.examples(sort([entry.text | some entry in entries])),
			concat("; ", sort({fix(entry.reason) | some entry in entries})),
		]),
		"path": ["repositories", i],
	}
}

files(n) := "1 file" if n == 1

else := sprintf("%d files", [n])

fix(reason) := "keep files above the scan limit (data, weights, archives) out of the repository and the bundle: weights belong in a model store" if {
	startswith(reason, "larger than ")
}

else := "make the files readable to the user running aiguard verify" if {
	startswith(reason, "unreadable")
}

else := "replace each link that leaves the tree by the file it points to, or remove it" if {
	reason == "symlink leaves the root"
}

else := sprintf("make each file one the scan can read (%s)", [reason])
