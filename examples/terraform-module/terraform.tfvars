environment     = "prod"
encrypt_volumes = false
