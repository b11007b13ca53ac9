export const usage = `Usage:
  showrunner run PLAYBOOK [options]      converge the hosts of PLAYBOOK
  showrunner run PLAYBOOK --check --plan-out PLAN.json [options]
                                         save the dry run as a plan to review and apply
  showrunner apply PLAN.json [--json] [--diff] [--report F] [-v] [--forks N] [vault options]
                                         carry out a saved plan exactly: a host whose plan
                                         changed since stops before that task
  showrunner show PLAN.json [--html FILE] [--no-diff]
                                         list a saved plan (or draw it as a page)
  showrunner lab up [N] [--systemd] [--fresh] | down | status | image
                                         throwaway Debian hosts on this machine (root)
  showrunner vault encrypt|decrypt|view|edit|encrypt_string|rekey ...
                                         Ansible Vault files and values (showrunner vault --help)
  showrunner --version | --help

Options of run:
  -i, --inventory PATH       inventory file, directory or "h1,h2," (repeatable)
  -C, --check                dry run: plan every task, change nothing
  -D, --diff                 show what changes (or would) as unified diffs
  -l, --limit PATTERN        only hosts matching PATTERN too
  -t, --tags TAGS            only tasks with these tags (comma separated)
      --skip-tags TAGS       skip tasks with these tags
  -e, --extra-vars VARS      k=v, JSON, or @file (repeatable; highest precedence)
  -f, --forks N              hosts worked on at once (default: all, up to 256)
      --start-at-task NAME   start the play at the task of this name
      --syntax-check         load and validate only
      --list-hosts           list the hosts each play would run on
      --list-tasks           list the tasks each play would run
      --json                 write one JSON report instead of the human output
      --report FILE.html     also write the run as one self-contained HTML page
      --plan-out FILE        with --check: save the plans and inputs for \`showrunner apply\`
      --vault-password-file F  vault password from F (or printed by F, an executable)
      --vault-id LABEL@F     a labelled vault password (F, or 'prompt'); repeatable
  -J, --ask-vault-pass       ask for the vault password (on a terminal)
      --no-host-key-checking accept any host key (not recommended)
      --timeout SECONDS      SSH connect timeout (default 10)
  -v, --verbose              more detail (repeat for more)

Exit codes: 0 success, 2 a task failed on some host, 4 a host was unreachable,
            5 bad input or usage (nothing was run), 1 an unexpected error;
            apply: 6 a host's plan differed from the saved plan (it stopped there),
            7 the plan's inputs changed since it was made (nothing was run).
`;
