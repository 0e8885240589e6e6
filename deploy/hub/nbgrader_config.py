# nbgrader settings for every user of the class hub: copy to <the kit's venv>/etc/jupyter/nbgrader_config.py.
# The instructor's course folder keeps its own nbgrader_config.py (exercises/nbgrader_config.py).
import os

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "kjpacts"
# the shared folder, world-writable with the sticky bit (mkdir -m 1777 /srv/nbgrader/exchange)
c.Exchange.root = os.environ.get("KJPACTS_HUB_EXCHANGE", "/srv/nbgrader/exchange")
