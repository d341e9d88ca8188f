public enum SDPLayer {}
