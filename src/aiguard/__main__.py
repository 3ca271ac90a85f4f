from aiguard.cli import run

run()
