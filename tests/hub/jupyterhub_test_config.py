# The hub test's configuration: deploy/hub/jupyterhub_config.py, plus what only a test may do.
# A shared-password authenticator replaces PAM here and ONLY here (tests/hub/classroom.py
# sets a random password); a service token drives the REST API.
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub
load_subconfig(str(Path(__file__).resolve().parents[2] / "deploy" / "hub" / "jupyterhub_config.py"))  # noqa: F821

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["KJPACTS_HUB_TEST_PASSWORD"]
c.JupyterHub.services = [{"name": "kjpacts-test", "api_token": os.environ["KJPACTS_HUB_TEST_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "kjpacts-test",
    "services": ["kjpacts-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
}]
c.JupyterHub.cleanup_servers = True
c.Spawner.start_timeout = 180  # 20 servers start at once in the bench, on 2 cores
