resource "aws_instance" "evaluation_proxy" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.small"

  user_data = <<-EOT
    #!/bin/bash
    cat > /etc/amplitude-proxy.env <<'ENV'
    AMPLITUDE_SERVER_DEPLOYMENT_KEY=server-gCeiK1FJDjkEeZakqm9agFNtIBzAvq6m
    ENV
    systemctl enable --now amplitude-proxy
  EOT

  tags = { Name = "evaluation-proxy", CommitSha = "7e4edf5a06ad7edb8b3066011a108e5644fb8de3" }
}
