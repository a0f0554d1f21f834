"""The public checks: one function per question, in one file per notebook section.

They travel into the student notebook's check cells (autograder/public.py writes them there, with
runner.py, nn_grading/compare.py and the values the reference gives); a student reads and runs them.
"""
