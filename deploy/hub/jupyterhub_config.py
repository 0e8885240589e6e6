# JupyterHub for one kjpacts class on one machine (docs/instructors/running-the-course.md, section 2.3).
#
#   sudo /opt/jupyterhub/bin/jupyterhub -f deploy/hub/jupyterhub_config.py
#
# Local Linux users log in with their system password (PAM); each gets a JupyterLab started by
# LocalProcessSpawner from KJPACTS_HUB_ENV, a Python every user can read (never one under /root).
# Problem sets go through nbgrader's shared-folder exchange; the instructor grades in the
# formgrader of their own server. Every value below can be set by an environment variable.
import os

c = get_config()  # noqa: F821 - provided by JupyterHub

env = os.environ.get
ENV = env("KJPACTS_HUB_ENV", "/opt/kjpacts")                    # the kit's venv: bin/jupyterhub-singleuser
EXCHANGE = env("KJPACTS_HUB_EXCHANGE", "/srv/nbgrader/exchange")  # mode 1777, as nbgrader expects
STATE = env("KJPACTS_HUB_STATE", "/srv/jupyterhub")               # database and cookie secret
INSTRUCTORS = {u for u in env("KJPACTS_HUB_INSTRUCTORS", "").split(",") if u}
STUDENTS = {u for u in env("KJPACTS_HUB_STUDENTS", "").split(",") if u}

# --- network: the proxy is the only public port; put TLS in front of it (or set ssl_cert/ssl_key)
c.JupyterHub.bind_url = env("KJPACTS_HUB_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("KJPACTS_HUB_PORT_HUB", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('KJPACTS_HUB_PORT_PROXY_API', '8001')}"
c.ConfigurableHTTPProxy.command = [env("KJPACTS_HUB_PROXY", "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{STATE}/jupyterhub.pid"

# --- who may log in: local users (PAM); the class list, if given, is the allow list
c.JupyterHub.authenticator_class = "pam"
if INSTRUCTORS or STUDENTS:
    c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
c.Authenticator.admin_users = INSTRUCTORS

# --- the users' servers: JupyterLab from the kit's venv, started as each Linux user
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [f"{ENV}/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab/tree/notebooks/00-start-here.ipynb"
c.Spawner.ip = "127.0.0.1"
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120
# Nothing of the hub's own environment leaks in: an inherited PATH into /root breaks `nbgrader collect`.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {"PATH": f"{ENV}/bin:/usr/local/bin:/usr/bin:/bin"}
if env("KJPACTS_HUB_USER_PYTHONPATH"):
    c.Spawner.environment["PYTHONPATH"] = env("KJPACTS_HUB_USER_PYTHONPATH")
# Measured (BENCHMARKS.md, H rows): 130 MB per idle server, 227 MB after lesson 07 (PSS); 1 GB leaves room.
c.Spawner.mem_limit = env("KJPACTS_HUB_MEM_LIMIT", "1G")  # enforced by container spawners; advisory here

# --- nbgrader: every user's server sees the same exchange (students fetch/submit, instructor releases/collects);
# deploy/hub/nbgrader_config.py, copied to {ENV}/etc/jupyter/, reads this variable
c.Spawner.environment["KJPACTS_HUB_EXCHANGE"] = EXCHANGE

# --- idle servers are stopped after an hour (jupyterhub-idle-culler, if installed)
try:
    import jupyterhub_idle_culler  # noqa: F401
except ImportError:
    pass
else:
    import sys

    c.JupyterHub.load_roles = [{"name": "idle-culler", "services": ["idle-culler"],
                                "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]}]
    c.JupyterHub.services = [{"name": "idle-culler",
                              "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"]}]
