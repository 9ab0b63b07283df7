from report_nlp.cli import run

run()
