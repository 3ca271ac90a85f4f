from aiguard.cli import main

main()
