print("policysite")
