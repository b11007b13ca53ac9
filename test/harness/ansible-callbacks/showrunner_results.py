# A stdout callback for the test suite: one JSON document per run, each play's tasks with every
# host's result, in run order. Debian's ansible-core ships no JSON stdout callback of its own.
import json

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'stdout'
    CALLBACK_NAME = 'showrunner_results'

    def __init__(self):
        super(CallbackModule, self).__init__()
        self.plays = []

    def v2_playbook_on_play_start(self, play):
        self.plays.append({'play': {'name': play.get_name()}, 'tasks': []})

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.plays[-1]['tasks'].append({'task': {'name': task.get_name()}, 'hosts': {}})

    def v2_playbook_on_handler_task_start(self, task):
        self.plays[-1]['tasks'].append({'task': {'name': task.get_name(), 'handler': True}, 'hosts': {}})

    def _record(self, result, **status):
        # the status keys are set here: Ansible leaves some out of the result (skipped, for one)
        self.plays[-1]['tasks'][-1]['hosts'][result._host.get_name()] = dict(result._result, **status)

    def v2_runner_on_ok(self, result):
        self._record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, failed=True)

    def v2_runner_on_skipped(self, result):
        self._record(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self._record(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        recap = {h: stats.summarize(h) for h in sorted(stats.processed.keys())}
        self._display.display(json.dumps({'plays': self.plays, 'stats': recap}, default=str))
